"""Pydantic validation with every error placed back on its YAML node, in Vietnamese."""

from __future__ import annotations

import difflib
import types
import typing
from collections import defaultdict
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tcpl import codes
from tcpl.errors import Diagnostic
from tcpl.loading.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

_PATTERN_HELP = {
    r"^[0-9]{1,6}$": 'chỉ ghi số của văn bản, ví dụ "05" (ký hiệu ghi riêng ở symbol)',
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "mã chỉ gồm chữ cái không dấu, chữ số, '.', '_' và '-'",
    r"^[a-z0-9][a-z0-9-]*$": "chỉ dùng chữ thường không dấu, chữ số và dấu '-', ví dụ huong-binh",
    r"^[0-9A-Za-z][0-9A-Za-z._-]*$": "mã chỉ gồm chữ số, chữ cái không dấu và dấu '.', ví dụ 2.1",
    r"^[a-z][a-z0-9_]*$": "chỉ dùng chữ thường không dấu, chữ số và '_', ví dụ no_disciplined_leader",
    r"^[a-z0-9][a-z0-9_-]*$": "chỉ dùng chữ thường không dấu, chữ số, '_' và '-'",
    r"^[a-z0-9][a-z0-9._+-]*$": "chỉ dùng chữ thường không dấu, chữ số và '.', '_', '+', '-'",
}

_TYPE_WORDS = {
    "int_type": "số nguyên",
    "int_parsing": "số nguyên",
    "int_from_float": "số nguyên",
    "float_type": "số",
    "float_parsing": "số",
    "bool_type": "true hoặc false",
    "bool_parsing": "true hoặc false",
    "string_type": "chuỗi văn bản",
    "list_type": "danh sách (các dòng '- ...')",
    "dict_type": "bảng gồm các trường 'tên: giá trị'",
    "model_type": "bảng gồm các trường 'tên: giá trị'",
    "model_attributes_type": "bảng gồm các trường 'tên: giá trị'",
    "date_type": "ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-15",
    "date_parsing": "ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-15",
    "date_from_datetime_parsing": "ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-15",
    "date_from_datetime_inexact": "ngày (không kèm giờ), ví dụ 2026-01-15",
    "none_required": "để trống (null)",
}


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def _message(err: dict[str, Any], allowed: list[str] | None) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    if kind == "missing":
        return f"thiếu trường bắt buộc '{loc[-1]}'"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        if name.isdigit() and err.get("input") is None:
            # `{points: 22,5}`: in a {...} the comma separates fields, so "5" became a field.
            return (
                f"có vẻ đây là phần thập phân ',{name}' của số đứng trước: trong dấu {{...}} dấu phẩy"
                f" ngăn cách các trường, nên viết số thập phân bằng dấu chấm (22.5) hoặc trong ngoặc"
                f' kép ("22,5")'
            )
        msg = f"trường '{name}' không có trong mẫu"
        if allowed:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            if close:
                msg += f"; có phải ý bạn là '{close[0]}'?"
            else:
                msg += f"; các trường hợp lệ: {', '.join(allowed)}"
        return msg
    if kind in _TYPE_WORDS:
        return f"phải là {_TYPE_WORDS[kind]}"
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            return "không được là số âm"
        return f"phải lớn hơn hoặc bằng {_num(ctx.get('ge'))}"
    if kind == "greater_than":
        return f"phải lớn hơn {_num(ctx.get('gt'))}"
    if kind == "less_than_equal":
        return f"phải nhỏ hơn hoặc bằng {_num(ctx.get('le'))}"
    if kind == "less_than":
        return f"phải nhỏ hơn {_num(ctx.get('lt'))}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "string_too_long":
        return f"quá dài (tối đa {ctx.get('max_length')} ký tự)"
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length')} phần tử"
    if kind == "too_long":
        if isinstance(err.get("input"), str):  # pydantic says "too_long" for a mapping key too
            return f"quá dài (tối đa {ctx.get('max_length')} ký tự)"
        return f"nhiều nhất {ctx.get('max_length')} phần tử"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return f"không đúng định dạng: {_PATTERN_HELP.get(pattern, pattern)}"
    if kind in ("literal_error", "enum"):
        return f"phải là một trong: {ctx.get('expected', '')}".replace(" or ", ", ")
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err.get("msg", "")))
    return str(err.get("msg", kind))


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated/list/dict annotations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the field at `loc` (to list its allowed fields)."""
    current: Any = model
    skip_next = False
    for part in loc:
        if skip_next:  # a list index or a dict key: the model stays the element's model
            skip_next = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        fields = {f.alias or name: f for name, f in current.model_fields.items()}
        field = fields.get(str(part))
        if field is None:
            return None
        nxt: Any = None
        for candidate in _unwrap(field.annotation):
            origin = typing.get_origin(candidate)
            container = origin in (list, dict)
            if origin is list:
                candidate = _unwrap(typing.get_args(candidate)[0])[0]
            elif origin is dict:
                candidate = _unwrap(typing.get_args(candidate)[1])[0]
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                nxt = candidate
                skip_next = container
                break
        current = nxt
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _allowed_fields(model_cls: type[BaseModel] | None) -> list[str]:
    if model_cls is None:
        return []
    return [f.alias or name for name, f in model_cls.model_fields.items()]


def _data_loc(data: Any, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], tuple[str | int, ...]]:
    """Split a pydantic loc into the part that exists in the data and the model-path loc.

    Pydantic adds union member names ("bool", "list[str]"...) and validator names to locs;
    they are not keys of the data, so they are dropped here.
    """
    out: list[str | int] = []
    model_loc: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and str(part) in current:
            out.append(str(part))
            model_loc.append(part)
            current = current[str(part)]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            out.append(part)
            model_loc.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and not _looks_internal(part):
            # A missing or extra field: it names a key that is not (or should not be) there.
            model_loc.append(part)
            break
    return tuple(out), tuple(model_loc)


def _looks_internal(part: str) -> bool:
    return "[" in part or part in {"bool", "int", "float", "str", "date", "list", "dict"}


def validate(doc: YamlDocument, model: type[M], *, data: Any = None) -> M | None:
    """Validate the document's data; problems are added to `doc.diagnostics`."""
    payload = doc.data if data is None else data
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        doc.diagnostics.extend(diagnostics_from(doc, model, exc, payload))
        return None


def diagnostics_from(
    doc: YamlDocument, model: type[BaseModel], exc: ValidationError, payload: Any
) -> list[Diagnostic]:
    grouped: dict[tuple[str | int, ...], list[dict[str, Any]]] = defaultdict(list)
    model_locs: dict[tuple[str | int, ...], tuple[str | int, ...]] = {}
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        data_loc, model_loc = _data_loc(payload, loc)
        kind = err["type"]
        # "missing" and "extra" errors belong to the field name, the others to the value.
        key = (*data_loc, f"\0{loc[-1]}") if kind in ("missing", "extra_forbidden") else data_loc
        grouped[key].append({**err, "loc": loc})
        model_locs[key] = model_loc
    out: list[Diagnostic] = []
    for key, errs in grouped.items():
        data_loc = tuple(p for p in key if not (isinstance(p, str) and p.startswith("\0")))
        first = errs[0]
        on_key = first["type"] == "extra_forbidden" or "[key]" in first["loc"]
        if len(errs) == 1 or first["type"] in ("missing", "extra_forbidden"):
            owner = _model_at(model, model_locs[key][:-1]) if on_key else None
            message = _message(first, _allowed_fields(owner))
        elif data_loc and data_loc[-1] == "done" and not any(e["type"].startswith("greater") for e in errs):
            message = (
                "số đã thực hiện (done) phải là số nguyên; với nội dung loại thời hạn, ghi ngày hoàn thành"
            )
        else:
            message = _union_message(errs)
        out.append(doc.diagnostic(data_loc, message, code=_code(first["type"]), key=on_key))
    return out


def _union_message(errs: list[dict[str, Any]]) -> str:
    # A value error raised by our own validators says the most; show it alone.
    for err in errs:
        if err["type"] in ("value_error", "assertion_error"):
            return _message(err, None)
    # A constraint error means the value had the right type for that branch: it says most.
    for err in errs:
        if err["type"].startswith(("greater_than", "less_than", "too_", "string_too", "string_pattern")):
            return _message(err, None)
    words: list[str] = []
    for err in errs:
        word = _TYPE_WORDS.get(err["type"])
        if word and word not in words:
            words.append(word)
    if words:
        return "kiểu giá trị không hợp lệ: cần " + " hoặc ".join(words)
    return _message(errs[0], None)


def _code(kind: str) -> str:
    return {
        "missing": codes.MISSING_FIELD,
        "extra_forbidden": codes.UNKNOWN_FIELD,
        "value_error": codes.INVALID_VALUE,
    }.get(kind, codes.WRONG_TYPE)
