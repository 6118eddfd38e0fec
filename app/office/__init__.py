"""办内处室与工作专班 — the staffing office's own divisions and task forces (SPEC §2)."""
