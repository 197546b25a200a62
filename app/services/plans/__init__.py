"""The verksamhetsplan: its life, content, budget, insatser, follow-up, and the dashboard."""
