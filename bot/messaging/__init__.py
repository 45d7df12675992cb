"""What every messaging channel needs, whichever provider carries it: pseudonymous senders, opt-outs,
numbered choices, duplicate deliveries, a persistent outbox and the notices channels send themselves."""
