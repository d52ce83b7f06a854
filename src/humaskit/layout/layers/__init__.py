"""The built-in layer types, one class each; importing this package registers them.

The order of the imports is the order the types are listed in error messages.
"""

# isort: off
from humaskit.layout.layers import shapes, image, icon, charts, repeat, group, text, marks, stamp  # noqa: F401
# isort: on
