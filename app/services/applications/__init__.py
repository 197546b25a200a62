"""Applications for funds: the workflow, content, budget, versions, attachments, diarienummer."""
