from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalog import CaseField, Catalog, CatalogError, Kind, load_catalog
from bot.messaging.segments import segments
from tests.conftest import CATALOG_DIR


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, target)
    return target


def edit_service(catalog_dir: Path, agency: str, index: int, **changes: object) -> Path:
    path = catalog_dir / "services" / f"{agency}.yml"
    data = yaml.safe_load(path.read_text())
    for key, value in changes.items():
        if value is None:
            data["services"][index].pop(key, None)
        else:
            data["services"][index][key] = value
    path.write_text(yaml.safe_dump(data))
    return path


def test_sample_catalogue_loads_every_agency_and_service(catalog: Catalog) -> None:
    assert catalog.city.sample is True
    assert len(catalog.agencies) == 16
    assert len(catalog.services) == 68  # the taxonomy's 67 and emergency preparedness
    assert catalog.owner("pothole_report").id == "public_works"
    assert catalog.services["pothole_report"].collect == [CaseField.LOCATION, CaseField.DESCRIPTION]


def test_every_request_service_collects_a_location_or_description(catalog: Catalog) -> None:
    requests = [s for s in catalog.services.values() if s.kind is Kind.REQUEST]
    assert requests
    assert all(s.collect for s in requests)


def test_missing_field_names_the_file_and_the_field(catalog_copy: Path) -> None:
    path = edit_service(catalog_copy, "water", 1, fees=None)
    with pytest.raises(CatalogError) as error:
        load_catalog(catalog_copy)
    assert str(path) in str(error.value)
    assert "services.1.fees: field required" in str(error.value)


def test_unknown_key_is_an_error_not_ignored(catalog_copy: Path) -> None:
    edit_service(catalog_copy, "water", 0, fess="Free")
    with pytest.raises(CatalogError, match=r"services\.0\.fess: extra fields not permitted"):
        load_catalog(catalog_copy)


def test_answer_longer_than_five_sentences_is_rejected(catalog_copy: Path) -> None:
    edit_service(catalog_copy, "parks", 0, answer="One. Two. Three. Four. Five. Six.")
    with pytest.raises(CatalogError, match=r"services\.0\.answer: must be 2 to 5 short sentences, found 6"):
        load_catalog(catalog_copy)


def test_request_service_must_say_what_it_collects(catalog_copy: Path) -> None:
    edit_service(catalog_copy, "public_works", 0, collect=[])
    with pytest.raises(CatalogError, match="a request service must say what it collects"):
        load_catalog(catalog_copy)


def test_info_service_cannot_collect_case_details(catalog_copy: Path) -> None:
    edit_service(catalog_copy, "elections", 0, collect=["location"])
    with pytest.raises(CatalogError, match="only request services collect case details"):
        load_catalog(catalog_copy)


def test_bad_service_standard_is_rejected(catalog_copy: Path) -> None:
    edit_service(catalog_copy, "finance", 0, standard={"promise": "Soon.", "respond_within_hours": 0})
    with pytest.raises(CatalogError, match=r"services\.0\.standard\.respond_within_hours"):
        load_catalog(catalog_copy)


def test_duplicate_service_names_both_files(catalog_copy: Path) -> None:
    data = yaml.safe_load((catalog_copy / "services" / "parks.yml").read_text())
    data["services"][0]["id"] = "pothole_report"
    (catalog_copy / "services" / "parks.yml").write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError, match="service 'pothole_report' is already defined in"):
        load_catalog(catalog_copy)


def test_services_of_an_unknown_agency_are_rejected(catalog_copy: Path) -> None:
    path = catalog_copy / "services" / "parks.yml"
    path.write_text(path.read_text().replace("agency: parks", "agency: parkz"))
    with pytest.raises(CatalogError, match="agency: 'parkz' is not in"):
        load_catalog(catalog_copy)


def test_invalid_yaml_names_the_file(catalog_copy: Path) -> None:
    path = catalog_copy / "services" / "police.yml"
    path.write_text("agency: police\nservices: [\n")
    with pytest.raises(CatalogError, match=f"{path}: is not valid YAML"):
        load_catalog(catalog_copy)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"agency: police\nservices: []\n\xff\xfe", "is not UTF-8 text"),
        (b"agency: police\nupdated: 2020-02-30\n", "is not valid YAML"),
        (b"[" * 1500, "is not valid YAML"),
    ],
    ids=["not utf-8", "impossible date", "nested too deep"],
)
def test_unreadable_yaml_is_one_clear_error(catalog_copy: Path, content: bytes, message: str) -> None:
    path = catalog_copy / "services" / "police.yml"
    path.write_bytes(content)
    with pytest.raises(CatalogError, match=f"{path}: {message}"):
        load_catalog(catalog_copy)


def test_closing_before_opening_is_rejected(catalog_copy: Path) -> None:
    path = catalog_copy / "agencies.yml"
    data = yaml.safe_load(path.read_text())
    data["agencies"][1]["hours"] = [{"days": ["mon"], "opens": "17:00", "closes": "08:00"}]
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError, match=r"agencies\.1\.hours\.0\.closes: must be later than 'opens'"):
        load_catalog(catalog_copy)


def test_giving_up_before_staff_should_answer_is_rejected(catalog_copy: Path) -> None:
    path = catalog_copy / "agencies.yml"
    data = yaml.safe_load(path.read_text())
    data["agencies"][1]["handoff"] = {"answer_within_minutes": 30, "give_up_after_minutes": 20}
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError, match=r"agencies\.1\.handoff\.give_up_after_minutes: must be longer than"):
        load_catalog(catalog_copy)


def test_an_agency_without_a_handoff_standard_gets_the_default(catalog_copy: Path) -> None:
    path = catalog_copy / "agencies.yml"
    data = yaml.safe_load(path.read_text())
    for agency in data["agencies"]:
        agency.pop("handoff")
    path.write_text(yaml.safe_dump(data))
    standard = load_catalog(catalog_copy).agencies["water"].handoff
    assert (standard.answer_within_minutes, standard.give_up_after_minutes) == (10, 60)


def test_missing_agencies_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="agencies.yml: cannot be read"):
        load_catalog(tmp_path)


def test_contact_center_is_required(catalog_copy: Path) -> None:
    path = catalog_copy / "agencies.yml"
    data = yaml.safe_load(path.read_text())
    data["agencies"] = [a for a in data["agencies"] if a["id"] != "contact_center"]
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError, match="the 'contact_center' agency is required"):
        load_catalog(catalog_copy)


def test_every_service_has_a_scope_with_sub_topics(catalog: Catalog) -> None:
    assert [s.id for s in catalog.services.values() if not s.scope.covers] == []


def test_service_without_a_scope_is_rejected(catalog_copy: Path) -> None:
    edit_service(catalog_copy, "parks", 2, scope=None)
    with pytest.raises(CatalogError, match=r"services\.2\.scope: field required"):
        load_catalog(catalog_copy)


def test_scope_with_empty_covers_is_rejected(catalog_copy: Path) -> None:
    edit_service(catalog_copy, "parks", 2, scope={"covers": [], "excludes": []})
    with pytest.raises(CatalogError, match=r"services\.2\.scope\.covers: must name at least one sub-topic"):
        load_catalog(catalog_copy)


def test_scope_excluding_an_unknown_service_is_rejected(catalog_copy: Path) -> None:
    excludes = [{"topic": "fallen street tree", "service": "street_trees"}]
    path = edit_service(catalog_copy, "parks", 2, scope={"covers": ["broken benches"], "excludes": excludes})
    with pytest.raises(CatalogError) as error:
        load_catalog(catalog_copy)
    assert str(error.value) == f"{path}: services.2.scope.excludes.0.service: 'street_trees' is not a known service"


def test_scope_excluding_its_own_service_is_rejected(catalog_copy: Path) -> None:
    excludes = [{"topic": "broken swings", "service": "park_maintenance"}]
    edit_service(catalog_copy, "parks", 2, scope={"covers": ["broken benches"], "excludes": excludes})
    with pytest.raises(CatalogError, match="a service cannot exclude itself"):
        load_catalog(catalog_copy)


def test_every_sample_service_has_an_sms_answer_within_two_segments(catalog: Catalog) -> None:
    short = {s.id: s.sms_answer for s in catalog.services.values()}
    assert {service: text and segments(text) for service, text in short.items() if not text or segments(text) > 2} == {}


@pytest.mark.parametrize(
    ("sms_answer", "cost"),
    [
        ("Pay your bill online. " * 14, 3),  # 307 GSM-7 characters
        ("Pague su recibo en línea. " * 6, 3),  # 155 characters, but "í" makes it UCS-2: 67 a segment
    ],
)
def test_an_sms_answer_over_two_segments_is_rejected(catalog_copy: Path, sms_answer: str, cost: int) -> None:
    edit_service(catalog_copy, "water", 0, sms_answer=sms_answer)
    with pytest.raises(CatalogError, match=rf"services\.0\.sms_answer: must fit 1 to 2 SMS segments, takes {cost}"):
        load_catalog(catalog_copy)


def test_the_city_names_its_privacy_notice(catalog: Catalog) -> None:
    assert catalog.city.privacy_url.startswith("https://")
