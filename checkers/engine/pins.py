"""The pin: a handbook sentence a decision or a restated text relies on, kept beside it.

`Pin(anchor, sentence)` names the section of the snapshot and the sentence as a reader reads it
(links as their text, no emphasis). Where pins live and how they are reviewed against a new version
of the handbook: `handbook_tools/pins.py` (outside the wheel the browser loads).
"""

from __future__ import annotations

from typing import NamedTuple


class Pin(NamedTuple):
    anchor: str
    sentence: str
