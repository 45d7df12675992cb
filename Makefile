# One Door: the one entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
INSTALLED := $(VENV)/.installed
SPACY_MODEL := $(shell sed -n 's/^ *model: *//p' config.yml | head -n 1)
MODEL := models/one-door.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(shell find data components -type f -name '*.y*ml' -o -type f -name '*.py' 2>/dev/null)
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning
# Rasa's usage reporting stays off unless an operator sets RASA_TELEMETRY_ENABLED=true (README, Security).
export RASA_TELEMETRY_ENABLED ?= false
# `make run` reads .env (scripts/launch.py); .env.example lists every variable an operator can set.

.PHONY: help install lock train run run-cluster nginx test test-stories security deploy-check validate chromium postgres redis eval eval-pii bench bench-encoders clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

WORD_LIST := build/common-english-words.txt
NAME_LIST := build/names.tsv
PII_TAGGER := build/pii-tagger.crfsuite

install: $(INSTALLED) $(SPACY_MODEL) $(WORD_LIST) $(NAME_LIST) $(PII_TAGGER) ## Create .venv with Python 3.10, install pinned dependencies, build the spaCy pipeline, word lists and PII tagger

$(INSTALLED): requirements.txt requirements-nodeps.txt
	@scripts/find_python310.sh >/dev/null
	test -x $(PY) || $$(scripts/find_python310.sh) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==24.3.1 wheel
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-nodeps.txt
	touch $@

$(SPACY_MODEL): $(INSTALLED) scripts/build_spacy_pipeline.py scripts/spacy_patterns.jsonl
	rm -rf $@ && mkdir -p $(dir $@)
	$(PY) scripts/build_spacy_pipeline.py $@

$(WORD_LIST): $(INSTALLED) scripts/build_word_list.py
	$(PY) scripts/build_word_list.py $@

# Names for redaction, read from names-dataset here (it needs over a gigabyte of memory), never at run time.
$(NAME_LIST): $(INSTALLED) scripts/build_name_list.py bot/pii/gazetteer.py
	$(PY) scripts/build_name_list.py $@

# The PII tagger, trained from the committed retired sets (about half a minute), never downloaded.
$(PII_TAGGER): $(INSTALLED) $(WORD_LIST) $(NAME_LIST) scripts/build_pii_tagger.py bot/pii/tagger_features.py bot/pii/name_words.py $(wildcard tests/pii/tuning/*.jsonl) tests/pii/corpus.jsonl
	$(PY) scripts/build_pii_tagger.py $@

lock: ## Re-compile requirements.txt (exact pins) from requirements.in
	$(PY) -m piptools compile --quiet --strip-extras --no-emit-index-url -o requirements.txt requirements.in

train: $(MODEL) ## Train the model if the training data, domain, config or components changed

$(MODEL): $(INSTALLED) $(SPACY_MODEL) $(WORD_LIST) $(TRAINING_INPUTS)
	$(RASA) train --quiet --fixed-model-name one-door --out models

# PORT=, ACTIONS_PORT=, CONSOLE_PORT= on the command line win over .env's ONE_DOOR_*PORT (5005, 5055, 5006).
RUN_PORTS := $(if $(PORT),ONE_DOOR_PORT=$(PORT) ONE_DOOR_RASA_URL=http://localhost:$(PORT)) \
	$(if $(ACTIONS_PORT),ONE_DOOR_ACTIONS_PORT=$(ACTIONS_PORT)) $(if $(CONSOLE_PORT),ONE_DOOR_CONSOLE_PORT=$(CONSOLE_PORT))

run: install train ## Install and train if needed, migrate the database once, start the assistant, web chat and console (reads .env)
	$(PY) scripts/make_secrets.py var/secrets.env
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(RUN_PORTS) $(PY) scripts/launch.py

CLUSTER_REPLICAS ?= 2
CLUSTER_PORT ?= 8080
run-cluster: install train postgres redis nginx ## Production topology on one machine: nginx on CLUSTER_PORT before CLUSTER_REPLICAS Rasa replicas, PostgreSQL, Redis
	$(PY) scripts/make_secrets.py var/secrets.env
	PATH="$(CURDIR)/$(VENV)/bin:$(CURDIR)/build/nginx/usr/sbin:$$PATH" CLUSTER_REPLICAS=$(CLUSTER_REPLICAS) CLUSTER_PORT=$(CLUSTER_PORT) $(PY) scripts/cluster.py

validate: install ## Check the training data and domain (rasa data validate); README explains its warnings
	$(RASA) data validate

# The suites that run in this process only (no Rasa subprocesses), so that time-machine can move their clock.
UNIT_TESTS := tests/bot tests/actions tests/channels tests/components

test: install train chromium postgres redis ## Run every test: bandit, pytest (unit, storage, HTTP, browser), again a year ahead, and conversation tests
	$(MAKE) --no-print-directory security
	$(MAKE) --no-print-directory deploy-check
	$(PY) -m pytest --ignore=tests/deploy
	$(PY) -m pytest -q $(UNIT_TESTS) --clock-shift-days=365
	$(MAKE) --no-print-directory test-stories

security: install ## Static security check (bandit) of the code that runs; each remaining finding is justified where it stands
	$(VENV)/bin/bandit -q -r bot actions channels components

deploy-check: install nginx ## Check deploy/: Kubernetes schemas, docker compose's own loader, nginx run in a private network namespace
	$(PY) -m pytest -q tests/deploy

nginx: ## Unpack Debian's nginx into build/nginx for run-cluster and the deploy checks if none is installed (no service is started)
	@scripts/ensure_nginx.sh >/dev/null

test-stories: train ## Run the conversation tests in tests/test_stories.yml
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml --out reports/stories --fail-on-prediction-errors

chromium: ## Install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

postgres: ## Start (or install) the PostgreSQL server the storage tests use
	@scripts/ensure_postgres.sh

redis: ## Start (or install) the Redis server the web chat replica test uses
	@scripts/ensure_redis.sh

eval: train ## NLU cross-validation and the held-out check; reports go to reports/
	$(RASA) test nlu --nlu data/nlu --cross-validation --folds 3 --out reports/cross-validation
	$(PY) scripts/eval_nlu.py --set tests/nlu/holdout.yml --out reports/holdout.json
	$(PY) scripts/eval_nlu.py --set tests/nlu/dev.yml --out reports/dev.json
	$(PY) scripts/eval_nlu.py --set tests/nlu/es/dev.yml --out reports/dev-es.json

bench: train ## Benchmarks: cold training, reply latency over REST, the report on 5,000 messages, One Door beside stock Rasa under load
	$(PY) bench/train_time.py
	$(PY) bench/reply_latency.py
	$(PY) bench/report_time.py
	$(PY) -m bench.load

EVAL_SET ?= tests/nlu/holdout.yml
bench-encoders: install ## Compare sentence encoders and intent classifiers on EVAL_SET (JSONL or Rasa YAML), no rasa train; reports/encoders/
	$(PY) -m bench.encoders $(EVAL_SET)

eval-pii: install ## Measure PII redaction on the seeded corpus and the realistic ones in tests/pii/ (recall per kind, over-redaction)
	$(PY) scripts/eval_pii.py

clean: ## Remove the venv, built pipeline, models and reports
	rm -rf $(VENV) build models reports var .rasa
