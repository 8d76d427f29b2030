from django import template

register = template.Library()


@register.filter
def mask_iin(value) -> str:
    """Show only the last four digits of an IIN: ••••••••1234."""
    value = str(value or "")
    if len(value) <= 4:
        return "•" * len(value)
    return "•" * (len(value) - 4) + value[-4:]
