"""Writes the format fixtures and Pillow's decoding of them (not run by the build).

Needs Pillow (13.0.0 made the committed files) and numpy. ycck.jpg comes from the JDK's JPEG writer
(a 4-band raster with the default Adobe marker, transform 2) because Pillow cannot write YCCK;
linear-rgb.icc is the JDK's CS_LINEAR_RGB profile. For each image, <name>.rgb holds
np.asarray(Image.open(name).convert("RGB")).tobytes(): height x width x 3 bytes.
"""
import numpy as np
from PIL import Image

y, x = np.mgrid[0:30, 0:40]
rgb = np.stack([x * 6, y * 8, (x + y) * 3], axis=-1).astype(np.uint8)
rgb[5:15, 10:20] = [200, 30, 90]
base = Image.fromarray(rgb, "RGB")
rgba = np.asarray(base.convert("RGBA")).copy()
rgba[..., 3] = (np.arange(40) * 6)[None, :]

base.convert("CMYK").save("cmyk.jpg", quality=90)
base.save("icc.jpg", quality=90, icc_profile=open("linear-rgb.icc", "rb").read())
base.save("lossless.webp", lossless=True)
base.save("lossy.webp", quality=80)
Image.fromarray(rgba, "RGBA").save("rgba.webp", lossless=True)

for name in ["cmyk.jpg", "ycck.jpg", "icc.jpg", "lossless.webp", "lossy.webp", "rgba.webp"]:
    with Image.open(name) as image:
        open(name + ".rgb", "wb").write(np.asarray(image.convert("RGB")).tobytes())
