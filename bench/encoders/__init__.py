"""A harness that chooses One Door's sentence encoder and intent classifier by measurement, outside Rasa.

Run it as `python -m bench.encoders <eval set>`; `__main__.py` says how. Nothing here imports numpy at
package import, so the entry point can pin BLAS to one thread first.
"""
