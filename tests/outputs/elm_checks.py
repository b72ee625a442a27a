"""Validators of the ELM outputs, read from the shared reference files: the AMS 3.3.1 XSD, and the AMS SHACL
shapes with the EDC JSON-LD context (the official context URL the output names is resolved to the local copy,
never fetched)."""

import copy
import functools
import json
import re

from lxml import etree
from pyshacl import validate
from rdflib import Graph, Literal
from rdflib.namespace import SH

from reports.elm_jsonld import CONTEXT
from tests.reference import reference_file


@functools.cache
def ams_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(reference_file("ams-xsd/ams.xsd"))))


def assert_valid_xml(data: bytes) -> etree._Element:
    document = etree.fromstring(data)
    schema = ams_schema()
    assert schema.validate(document), schema.error_log
    return document


def _python_pattern(pattern: str) -> str:
    """The shapes' Java regular expressions in Python's dialect (see the reference folder's README)."""
    if pattern.startswith("^(?i)"):
        pattern = "(?i)^" + pattern[len("^(?i)") :]
    return re.sub(r"\\p\{(L|Nl|Nd)\}", r"\\w", pattern)


@functools.cache
def _shapes() -> Graph:
    shapes = Graph().parse(str(reference_file("elm/AMS-constraints.ttl")), format="turtle")
    for subject, pattern in list(shapes.subject_objects(SH.pattern)):
        shapes.remove((subject, SH.pattern, pattern))
        shapes.add((subject, SH.pattern, Literal(_python_pattern(str(pattern)))))
    return shapes


@functools.cache
def _context() -> dict:
    return json.loads(reference_file("elm/edc-ap-context.jsonld").read_text())["@context"]


def graph_of(document: dict) -> Graph:
    """The RDF of a JSON-LD document of ours, its official context URL replaced by the reference copy."""
    assert document["@context"] == CONTEXT
    local = copy.copy(document)
    local["@context"] = _context()
    return Graph().parse(data=json.dumps(local), format="json-ld")


def assert_conforms(document: dict) -> Graph:
    graph = graph_of(document)
    conforms, _report, text = validate(graph, shacl_graph=_shapes(), inference="none", advanced=True)
    assert conforms, text
    return graph
