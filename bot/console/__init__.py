"""The staff console: agency staff take over conversations, reply, transfer and resolve them."""
