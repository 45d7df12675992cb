"""Load benchmark: simulated residents against One Door and Rasa's stock starter bot (`python -m bench.load`)."""
