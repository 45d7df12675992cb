"""Clients for systems outside One Door."""
