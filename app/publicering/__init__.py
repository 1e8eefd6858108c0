"""Publishing on the web anslagstavla: an accessible HTML copy of a meeting's anslag,
protokoll and kallelse, with sekretess and personnummer kept out."""

from app.publicering.model import PubliceringResult, WebCopy
from app.publicering.service import PubliceringService

__all__ = ["PubliceringResult", "PubliceringService", "WebCopy"]
