"""The API's reference page at /api/v1/docs: drawn on the server from the OpenAPI schema, in the site's layout.

It replaces the Swagger UI django-ninja ships (issue 18): Swagger UI builds its page in the browser, in English
only, with controls that hold other controls (an operation's expand button holds its copy and lock buttons) and
colours under WCAG's contrast minimum, none of which a stylesheet of ours could fix for good. This page is plain
HTML — headings, tables with captions, links — so it is accessible by construction, works without JavaScript,
speaks the site's languages (the API's own descriptions stay in English, marked ``lang="en"``), and prints. The
schema itself stays at /api/v1/openapi.json for tools (Swagger UI, Postman, code generators).

The endpoints and schemas are read and drawn once per process and language (``build``: ninja alone takes 0.1 to
0.5 s to make the schema), since they change only with the code; a page then renders in about the time of any other
(18 ms against the accessibility statement's 22 ms, in-process).
"""

import json
import re
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")
# the badge of each method: the design system's badges (their colours meet AA), never colour alone (the name is there)
METHOD_BADGES = {"get": "badge-info", "post": "badge-success", "put": "badge", "patch": "badge",
                 "delete": "badge-danger"}
WHITE_SPACE = re.compile(r"\s{2,}")
CODE_SPAN = re.compile(r"``?([^`]+)``?")
LONG_ENUM = 12  # more values than this are folded in a <details>


class Reference(DocsBase):
    template = "api/reference.html"

    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        with translation.override(page_language(request)):
            reference = build(api, translation.get_language(), tuple(sorted(kwargs.items())))
            context = {**reference, "api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
            response = render(request, self.template, context)
            response["Content-Language"] = translation.get_language()
        return response


def page_language(request: HttpRequest) -> str:
    """The page's address has no language (it is outside ``i18n_patterns``; the API answers in the language of
    Accept-Language): the one chosen in its language switcher (``?language=``, which
    ``liaise.web.middleware.ArrivalLanguageMiddleware`` remembers), else the visitor's last choice on the site (the
    language cookie), else the browser's."""
    chosen = request.GET.get("language", "")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return translation.get_language_from_request(request)


@lru_cache(maxsize=16)
def build(api, language: str, path_params: tuple) -> dict:
    """The page's content: the API's description, and its operations by tag and its schemas already drawn
    (``body``: the same for every reader). Strings of our own are translated (hence one copy per language); what
    comes from the schema is as written there."""
    reference = read(api, path_params)
    first = next((tag["operations"][0]["path"] for tag in reference["tags"]), "")
    body = render_to_string("api/_operations.html", {"reference": reference})
    if "<pre" not in body:  # (a description's code block would keep its lines)
        # the template's indentation is a quarter of the page: a run of white space reads as one
        body = mark_safe(WHITE_SPACE.sub("\n", body))  # noqa: S308 - the template's own (escaped) output
    return {"reference": reference, "example_path": first, "body": body}


def read(api, path_params: tuple) -> dict:
    """The API's description, its operations by tag, and its schemas, from its OpenAPI schema."""
    schema = api.get_openapi_schema(path_params=dict(path_params))
    schemas = schema.get("components", {}).get("schemas", {})
    tags: dict[str, dict] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            name = (operation.get("tags") or [_("other")])[0]
            tag = tags.setdefault(name, {"name": name, "id": "tag-" + slugify(name), "operations": []})
            tag["operations"].append(_operation(method, path, operation, schemas))
    return {
        "info": schema.get("info", {}),
        "tags": list(tags.values()),
        "schemas": [_schema(name, body) for name, body in schemas.items()],
    }


def _operation(method: str, path: str, operation: dict, schemas: dict) -> dict:
    parameters = [_field(p["name"], p.get("schema", {}), p.get("required", False), p.get("description"),
                         where=p.get("in")) for p in operation.get("parameters", [])]
    body = None
    if "requestBody" in operation:
        content_type, media = next(iter(operation["requestBody"].get("content", {}).items()), ("", {}))
        body_schema = media.get("schema", {})
        body = {"content_type": content_type, "type": type_html(body_schema),
                "required": operation["requestBody"].get("required", False),
                "fields": _fields(_resolve(body_schema, schemas))}
    responses = []
    for status, response in operation.get("responses", {}).items():
        content_type, media = next(iter(response.get("content", {}).items()), ("", {}))
        responses.append({"status": status, "description": response.get("description", ""),
                          "content_type": content_type,
                          "type": type_html(media["schema"]) if "schema" in media else ""})
    required_in_path = any(p["where"] == "path" for p in parameters)
    return {
        "id": operation.get("operationId") or slugify(f"{method} {path}"),
        "method": method.upper(),
        "badge": METHOD_BADGES.get(method, "badge-neutral"),
        "path": path,
        "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "deprecated": operation.get("deprecated", False),
        "parameters": parameters,
        "body": body,
        "responses": responses,
        # a GET that needs nothing in its path opens in the browser, with the reader's session
        "open_url": path if method == "get" and not required_in_path else "",
    }


def _schema(name: str, body: dict) -> dict:
    return {"name": name, "id": schema_id(name), "description": body.get("description", ""),
            "type": "" if body.get("type") == "object" and "properties" in body else type_html(body),
            "fields": _fields(body)}


def _resolve(schema: dict, schemas: dict) -> dict:
    if "$ref" in schema:
        return schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def _fields(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    return [_field(name, prop, name in required, prop.get("description"))
            for name, prop in schema.get("properties", {}).items()]


def _field(name: str, schema: dict, required: bool, description: str | None, where: str | None = None) -> dict:
    return {"name": name, "where": where or "", "type": type_html(schema), "required": required,
            "description": inline_code(description or schema.get("description", "")), "rules": rules_html(schema)}


def inline_code(text: str) -> SafeString:
    """The schema's short descriptions, escaped, with their `code` (or ``code``) spans in <code>."""
    parts = CODE_SPAN.split(text)  # text, code, text, code, ...
    return format_html_join("", "{}", ((format_html("<code>{}</code>", part) if i % 2 else part,)
                                        for i, part in enumerate(parts)))


def schema_id(name: str) -> str:
    return "schema-" + name


def _code(value) -> SafeString:
    return format_html("<code>{}</code>", json.dumps(value, ensure_ascii=False))


def _options(schema: dict) -> list[dict]:
    return schema.get("anyOf") or schema.get("oneOf") or []


def type_html(schema: dict) -> SafeString:
    """A schema's type in words, with links to the schemas it names: ``array of <a>EventOut</a>``."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return format_html('<a href="#{}"><code>{}</code></a>', schema_id(name), name)
    if "const" in schema:
        return format_html(_("always {value}"), value=_code(schema["const"]))
    if "enum" in schema:
        return enum_html(schema["enum"], nullable=any(o.get("type") == "null" for o in _options(schema)))
    options = _options(schema)
    if len(schema.get("allOf", [])) == 1:
        return type_html(schema["allOf"][0])
    if isinstance(schema.get("type"), list):
        options = [{**schema, "type": t} for t in schema["type"]]
    if options:
        nullable = [o for o in options if o.get("type") == "null"]
        rest = [type_html({"format": schema["format"], **o} if "format" in schema else o)
                for o in options if o.get("type") != "null"]
        label = rest[0] if rest else format_html("<code>{}</code>", "null")
        for other in rest[1:]:
            label = format_html(_("{type} or {other}"), type=label, other=other)
        return format_html(_("{type} or null"), type=label) if nullable and rest else label
    kind = schema.get("type")
    if kind == "array":
        return format_html(_("array of {type}"), type=type_html(schema.get("items", {})))
    if kind == "object":
        values = schema.get("additionalProperties")
        if isinstance(values, dict):
            return format_html(_("object of {type} by key"), type=type_html(values))
        return format_html("<code>{}</code>", "object")
    if kind:
        if schema.get("format"):
            return format_html("<code>{}</code> ({})", kind, schema["format"])
        return format_html("<code>{}</code>", kind)
    return escape(_("any value"))


def enum_html(values: list, nullable: bool = False) -> SafeString:
    listed = format_html_join(", ", "{}", ((_code(v),) for v in values))
    if len(values) > LONG_ENUM:
        label = format_html("<details><summary>{}</summary>{}</details>",
                            ngettext("one of %(count)s value", "one of %(count)s values", len(values))
                            % {"count": len(values)}, listed)
    else:
        label = format_html(_("one of {values}"), values=listed)
    return format_html(_("{type} or null"), type=label) if nullable else label


RULES = [  # (the schema's keyword, how to say it)
    ("default", lambda v: format_html(_("default {value}"), value=_code(v))),
    ("minimum", lambda v: format_html(_("at least {value}"), value=v)),
    ("exclusiveMinimum", lambda v: format_html(_("more than {value}"), value=v)),
    ("maximum", lambda v: format_html(_("at most {value}"), value=v)),
    ("exclusiveMaximum", lambda v: format_html(_("less than {value}"), value=v)),
    ("minLength", lambda v: format_html(_("at least {count} characters"), count=v)),
    ("maxLength", lambda v: format_html(_("at most {count} characters"), count=v)),
    ("minItems", lambda v: format_html(_("at least {count} items"), count=v)),
    ("maxItems", lambda v: format_html(_("at most {count} items"), count=v)),
    ("pattern", lambda v: format_html(_("matches {pattern}"), pattern=format_html("<code>{}</code>", v))),
]


def rules_html(schema: dict) -> list[SafeString]:
    """What a value must be, beyond its type: bounds, lengths, pattern, default (also inside ``anyOf``)."""
    found = {}
    for part in [schema, *[o for o in _options(schema) if o.get("type") != "null"]]:
        for keyword, _say in RULES:
            if keyword in part and keyword not in found:
                found[keyword] = part[keyword]
    rules = [say(found[keyword]) for keyword, say in RULES if keyword in found]
    if schema.get("deprecated"):
        rules.append(escape(_("deprecated")))
    return rules
