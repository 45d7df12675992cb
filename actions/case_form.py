"""Collect what an agency needs for a request, confirm it with the resident, and file the case."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import case_store, resident_catalog, resident_language, resident_said
from actions.feedback import ask_feedback
from bot import answers, vulnerability
from bot import safety
from bot.case_form import clean_answer, fields_to_ask, is_plea
from bot.cases import NewCase
from bot.catalog import CaseField, Service
from bot.routing import Route, route

SERVICE_SLOT = "case_service"
CONFIRMED_SLOT = "case_confirmed"
FIELD_SLOTS = {field: f"case_{field.value}" for field in CaseField}


def _route(tracker: Tracker) -> Route | None:
    return route(resident_catalog(tracker), str(tracker.get_slot(SERVICE_SLOT) or ""))


def _collected(tracker: Tracker, service: Service) -> dict[CaseField, str]:
    return {field: str(tracker.get_slot(FIELD_SLOTS[field]) or "") for field in fields_to_ask(service)}


def _reset() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in (SERVICE_SLOT, CONFIRMED_SLOT, *FIELD_SLOTS.values())]


class ValidateCaseForm(FormValidationAction):
    """Ask for the details the catalogue lists for the service, then for a confirmation."""

    def name(self) -> str:
        return "validate_case_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        found = _route(tracker)
        if found is None:
            return []
        return [FIELD_SLOTS[field] for field in fields_to_ask(found.service)] + [CONFIRMED_SLOT]

    def _clean(self, field: CaseField, value: Any) -> dict[str, Any]:
        return {FIELD_SLOTS[field]: clean_answer(field, value if isinstance(value, str) else None)}

    def _heard(self, field: CaseField, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """Keep a usable answer; answer a plea for help as one, and ask for the detail again."""
        text = value if isinstance(value, str) else None
        if not is_plea(field, text):
            return self._clean(field, value)
        danger = safety.detect(text or "")
        dispatcher.utter_message(response=f"utter_{danger.value}" if danger else "utter_case_plea_heard")
        return {FIELD_SLOTS[field]: None}

    async def validate_case_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._heard(CaseField.LOCATION, value, dispatcher)

    async def validate_case_description(self, value: Any, *_: Any) -> dict[str, Any]:
        return self._clean(CaseField.DESCRIPTION, value)

    async def validate_case_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._heard(CaseField.CONTACT, value, dispatcher)

    async def validate_case_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is True:
            return {CONFIRMED_SLOT: True}
        dispatcher.utter_message(response="utter_case_restart")
        return {CONFIRMED_SLOT: None, **{slot: None for slot in FIELD_SLOTS.values()}}


class ActionAskCaseContact(Action):
    """Ask how the agency can reach the resident, naming the agency."""

    def name(self) -> str:
        return "action_ask_case_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        found = _route(tracker)
        dispatcher.utter_message(response="utter_ask_case_contact", agency=found.agency.name if found else "")
        return []


class ActionAskCaseConfirmed(Action):
    """Read the details back before anything is filed."""

    def name(self) -> str:
        return "action_ask_case_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        found = _route(tracker)
        if found is None:
            return []
        details = "\n".join(value for value in _collected(tracker, found.service).values() if value)
        dispatcher.utter_message(response="utter_ask_case_confirmed", agency=found.agency.name, details=details)
        return []


class ActionFileCase(Action):
    """File the confirmed case and give the resident its reference and the agency's service standard."""

    def name(self) -> str:
        return "action_file_case"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        found = _route(tracker)
        if found is None or tracker.get_slot(CONFIRMED_SLOT) is not True:
            return _reset()
        collected = _collected(tracker, found.service)
        cues = vulnerability.in_conversation(resident_said(tracker))
        new_case = NewCase(
            service_id=found.service.id,
            agency_id=found.agency.id,
            channel=tracker.get_latest_input_channel() or "unknown",
            conversation_id=tracker.sender_id,
            **{field.value: value or None for field, value in collected.items()},
            priority_reason=vulnerability.priority_reason(cues),
            language=resident_language(tracker),
        )
        try:
            case = await asyncio.to_thread(case_store().create, new_case)
        except SQLAlchemyError:
            phrases = resident_catalog(tracker).phrases
            dispatcher.utter_message(response="utter_case_not_filed", **answers.agency_fields(found.agency, phrases))
            return _reset()
        dispatcher.utter_message(
            response="utter_case_filed",
            reference=case.reference,
            agency=found.agency.name,
            standard=found.service.standard.promise,
        )
        if cues:
            # Told honestly: what was noticed, and the faster promise only where the catalogue makes one.
            dispatcher.utter_message(
                response="utter_case_priority",
                noticed=resident_catalog(tracker).phrases.noticed[cues[0].name.lower()],
                agency=found.agency.name,
                promise=found.service.standard.priority_promise or "",
            )
        return _reset() + ask_feedback(dispatcher, tracker, found.service.id)
