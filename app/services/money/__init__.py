"""Money: the split engine, member contributions, cost splits, staff time and cost, the parties."""
