"""One Door's domain: catalogue, routing and the rules behind every reply, free of Rasa."""
