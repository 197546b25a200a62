"""Board meetings: the meeting's life, agenda, decisions and their effects, quorum, protocol."""
