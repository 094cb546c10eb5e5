"""Save a document with LibreOffice through its own scripting bridge (UNO), with options that
``soffice --convert-to`` cannot give: a password (real Office encryption, as Excel's "Encrypt
with Password" makes).

Run by the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno):

    python3 tests/office_save.py PROFILE_FOLDER SOURCE TARGET FILTER [PASSWORD]

:func:`tests.libreoffice.saver` runs it from a test.
"""

import contextlib
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def _property(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def main(profile, source, target, filter_name, password=None):
    pipe = f"cci-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(600):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        document = desktop.loadComponentFromURL(
            Path(source).resolve().as_uri(), "_blank", 0, (_property("Hidden", True),)
        )
        options = [_property("FilterName", filter_name), _property("Overwrite", True)]
        if password:
            # What LibreOffice's own "Save with password" hands its Office Open XML export.
            secret, kind = NamedValue(), NamedValue()
            secret.Name, secret.Value = "OOXPassword", password
            kind.Name, kind.Value = "CryptoType", "Standard"
            encryption = uno.Any("[]com.sun.star.beans.NamedValue", (kind, secret))
            options.append(_property("EncryptionData", encryption))
        document.storeToURL(Path(target).resolve().as_uri(), tuple(options))
        document.close(True)
        with contextlib.suppress(Exception):  # LibreOffice may end before it answers
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:])
