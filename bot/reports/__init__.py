"""Reports for service owners: what residents asked that went unresolved, what helped, and standards kept."""
