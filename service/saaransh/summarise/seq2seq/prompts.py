"""Prompt templates for prompt-driven checkpoints (mT0, Aya-101), chosen by name."""

from __future__ import annotations

from pathlib import Path

from ...errors import UnknownPrompt

# Shipped as package data (prompts/ at the repo root is a link to it).
PROMPTS_DIR = Path(__file__).resolve().parents[2] / "data" / "prompts"


def available(prompts_dir: Path = PROMPTS_DIR) -> list[str]:
    return sorted(p.stem for p in prompts_dir.glob("*.txt"))


def load_prompt(name: str, prompts_dir: Path = PROMPTS_DIR) -> str:
    """The template text of `name` (the file stem); unknown names list the known ones."""
    path = prompts_dir / f"{name}.txt"
    if not path.is_file():
        known = ", ".join(available(prompts_dir)) or "none"
        raise UnknownPrompt(f"No prompt template '{name}' in {prompts_dir}; available: {known}.")
    return path.read_text(encoding="utf-8").strip()


def render(template: str, text: str, title: str | None = None) -> str:
    # str.replace, not str.format: article text may itself contain braces.
    return template.replace("{title}", title or "").replace("{text}", text)
