"""Pure rules of 用编进人: wordings of states in both languages, the next step
of a batch, the documents a submission lacks, the certificate number."""
from __future__ import annotations

import secrets
from typing import Optional

CHANNEL_TEXT = {
    "exam": "公开招考 public examination", "recruitment": "公开招聘 open recruitment",
    "military": "军转安置 military transfer", "transfer": "调任 transfer", "selection": "选调 selection",
    "policy": "政策性安置 policy placement", "talent": "人才引进 talent introduction",
}
STATUS_TEXT = {
    "draft": "草拟 draft", "submitted": "已报送 submitted", "approved": "已通过 approved",
    "rejected": "未通过 rejected", "scheduled": "待召开 scheduled", "decided": "已决定 decided",
    "publicity": "公示 publicity", "application": "申请 application", "review": "审核 review",
    "entered": "入库 entered",
}
NEXT_STEP = {"publicity": "application", "application": "review", "review": "entered"}


def channel_text(code: Optional[str]) -> str:
    return CHANNEL_TEXT.get(code or "", code or "")


def status_text(code: Optional[str]) -> str:
    return STATUS_TEXT.get(code or "", code or "")


def missing_documents(required: list[str], submitted: Optional[str]) -> list[str]:
    """The required documents not among those submitted (one name a line; exact
    names after trimming, so 身份证 does not satisfy 身份证复印件)."""
    have = {line.strip() for line in (submitted or "").splitlines() if line.strip()}
    return [name for name in required if name not in have]


def certificate_number(year: int, batch_id: int) -> str:
    """入编证明 number: readable prefix, the batch, and 40 random bits so that the
    public check cannot be walked by counting."""
    return f"RB{year}-{batch_id:06d}-{secrets.token_hex(5).upper()}"


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: the public check shows no full name."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""
