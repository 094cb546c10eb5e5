"""The framework's five priority areas, as the paper names them."""

PRIORITY_AREA_NAMES: dict[int, str] = {
    1: "Quality, effectiveness and coordination",
    2: "Awareness, training and support",
    3: "All communities involved",
    4: "Consultation shapes services and policies",
    5: "Performance management",
}
