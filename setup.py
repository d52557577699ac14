"""Packaging for mousai: everything is read from nbdev's settings.ini."""
from configparser import ConfigParser
from pathlib import Path

import setuptools

cfg = ConfigParser(delimiters=["="])
cfg.read(Path(__file__).parent / "settings.ini", encoding="utf-8")
cfg = cfg["DEFAULT"]

requirements = cfg.get("requirements", "").split()
dev_requirements = cfg.get("dev_requirements", "").split()
tensorboard_requirements = cfg.get("tensorboard_requirements", "").split()
# "a,<b" ranges are written without spaces in settings.ini, so split() keeps them whole.
console_scripts = cfg.get("console_scripts", "").split()

# Shipped checkpoints (mousai/pretrained/<name>/: config .json, .safetensors weights, README .md) are package data, so
# `pip install .` (not only an editable install) carries them. Explicit depths, because older setuptools read "**" as "*".
PRETRAINED_EXTS = ("safetensors", "json", "md", "txt")
package_data = {"mousai": [f"pretrained/{'*/' * depth}*.{ext}" for depth in range(4) for ext in PRETRAINED_EXTS]}

setuptools.setup(
    name=cfg["lib_name"],
    version=cfg["version"],
    description=cfg["description"],
    long_description=(Path(__file__).parent / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    author=cfg["author"],
    author_email=cfg["author_email"],
    license="Apache-2.0",
    keywords=cfg["keywords"],
    python_requires=">=" + cfg["min_python"],
    # the pretrained folders are listed as (namespace) packages too, which keeps setuptools from warning about them
    packages=setuptools.find_packages(include=["mousai", "mousai.*"])
    + setuptools.find_namespace_packages(include=["mousai.pretrained", "mousai.pretrained.*"]),
    include_package_data=True,
    package_data=package_data,
    install_requires=requirements,
    extras_require={"dev": dev_requirements, "tensorboard": tensorboard_requirements},
    entry_points={"console_scripts": console_scripts, "nbdev": [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    classifiers=[
        "Programming Language :: Python :: 3",
        "Topic :: Multimedia :: Sound/Audio",
        "Topic :: Scientific/Engineering :: Artificial Intelligence",
    ],
    zip_safe=False,
)
