# The two README commands are a contract: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_MEMBERS ?= 3000
PORT ?= 8000

.PHONY: install translations demo test lint bench bench-appeals bench-voting bench-surveys bench-disputes eval-retrieval messages clean eval-assistant

$(VENV)/.installed: pyproject.toml
	@$(PY) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@echo "Installing the pinned dependencies into $(VENV) (a minute or two) …"
	@$(PY) -m venv $(VENV)
	@$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	@$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

translations: install
	@$(BIN)/python manage.py compile_translations

# One line per step; each command says more with -v 2.
demo: install translations
	@mkdir -p var
	@$(BIN)/python manage.py migrate --noinput -v 0 && echo "Database: up to date."
	@$(BIN)/python manage.py demo_data --members $(DEMO_MEMBERS) --seed 1 --if-empty
	@$(BIN)/python manage.py law_demo_import
	@$(BIN)/python manage.py demo_appeals --count 3000 --seed 1 --if-empty
	@$(BIN)/python manage.py demo_disputes --seed 1 --if-empty
	@$(BIN)/python manage.py starter_cards --approve-demo
	@$(BIN)/python manage.py demo_voting --seed 1 --if-empty
	@$(BIN)/python manage.py demo_surveys --seed 1 --if-empty
	@$(BIN)/python manage.py demo_logins
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl+C stops it); deadlines, votes and surveys run on their own schedule."
	@ODAQ_SITE_URL=$${ODAQ_SITE_URL:-http://127.0.0.1:$(PORT)} exec $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install translations
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

bench: install translations
	$(BIN)/python bench/run.py

bench-appeals: install translations
	$(BIN)/python bench/appeals.py

bench-voting: install translations
	$(BIN)/python bench/voting.py

bench-surveys: install translations
	$(BIN)/python bench/surveys.py

bench-disputes: install translations
	$(BIN)/python bench/disputes.py

eval-retrieval: install translations
	$(BIN)/python manage.py eval_retrieval --questions ../shared/eval/dev.jsonl

# The assistant on the same questions: extractive, and the model composer too when ODAQ_LLM_BASE_URL is set.
eval-assistant: install translations
	$(BIN)/python manage.py eval_assistant --questions ../shared/eval/dev.jsonl --composer extractive
	if [ -n "$$ODAQ_LLM_BASE_URL" ]; then $(BIN)/python manage.py eval_assistant --questions ../shared/eval/dev.jsonl --composer llm; fi

# For developers with GNU gettext: refresh the .po catalogues from the code.
messages: install
	$(BIN)/python manage.py makemessages -l kk -l ru -l en --no-obsolete --ignore=.venv --ignore=var --ignore=bench

clean:
	rm -rf $(VENV) var/static
