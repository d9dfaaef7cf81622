"""Diagnostic codes: one registry of what each code means and what to do about it.

Every diagnostic carries a code (`TCPL310`). Its title, default severity and the officer's next
step live here only: annotations, SARIF rules, `tcpl explain` and the README's table all read
this table, and code decides on types and flags, never on a code's spelling.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How serious a diagnostic is (mức độ)."""

    ERROR = "error"
    WARNING = "warning"


class Code(str):
    """A diagnostic code (`TCPL310`) with what it means, its default severity and what to do."""

    meaning: str
    todo: str
    severity: Severity

    def __new__(cls, ident: str, meaning: str, todo: str, severity: Severity = Severity.ERROR) -> Code:
        code = super().__new__(cls, ident)
        code.meaning = meaning
        code.todo = todo
        code.severity = severity
        return code

    def __reduce__(self) -> tuple[object, tuple[str, str, str, Severity]]:
        # Diagnostics travel between the processes of a large `tcpl check`.
        return (Code, (str(self), self.meaning, self.todo, self.severity))


REGISTRY: dict[str, Code] = {}


def _code(ident: str, meaning: str, todo: str, severity: Severity = Severity.ERROR) -> Code:
    code = Code(ident, meaning, todo, severity)
    REGISTRY[ident] = code
    return code


def get(ident: str) -> Code | None:
    """The code with this id, in any case (`tcpl explain tcpl310`)."""
    return REGISTRY.get(ident.strip().upper())


UNREADABLE = _code(
    "TCPL001",
    "Không đọc được tệp",
    "Kiểm tra tệp còn đó, đọc được (quyền đọc), không phải liên kết hỏng.",
)
TOO_BIG = _code(
    "TCPL002",
    "Tệp quá lớn",
    "Tệp của tcpl chỉ vài chục kB: tách tệp, hoặc để tệp này ngoài thư mục của các xã.",
)
NOT_UTF8 = _code(
    "TCPL003",
    "Tệp không phải UTF-8",
    "Lưu lại tệp với mã hóa UTF-8 (trong Notepad: Lưu thành → Mã hóa: UTF-8).",
)
CONTROL_CHARACTER = _code(
    "TCPL004",
    "Ký tự điều khiển",
    "Xóa ký tự điều khiển ở vị trí được báo (thường do chép từ văn bản khác).",
)
EMPTY = _code(
    "TCPL005",
    "Tệp rỗng",
    "Ghi nội dung vào tệp (xem ví dụ trong README) hoặc xóa tệp.",
)
YAML_SYNTAX = _code(
    "TCPL006",
    "Lỗi cú pháp YAML",
    "Sửa cú pháp ở dòng, cột được báo: thụt lề bằng dấu cách, dấu ':' và dấu nháy đúng chỗ.",
)
ALIAS_BOMB = _code(
    "TCPL007",
    "Alias YAML nguy hiểm",
    "Viết các giá trị trực tiếp, không dùng anchor/alias (&, *) lồng nhau.",
)
UNSUPPORTED_TAG = _code(
    "TCPL008",
    "Thẻ YAML không được hỗ trợ",
    "Bỏ thẻ '!!...' hoặc khóa gộp '<<'; chỉ dùng chuỗi, số, ngày, true/false, danh sách, bảng.",
)
BAD_KEY = _code(
    "TCPL009",
    "Tên trường không hợp lệ",
    "Tên trường phải là một chuỗi đơn giản, ví dụ 'total:'.",
)
DUPLICATE_KEY = _code(
    "TCPL010",
    "Trường bị lặp",
    "Xóa hoặc gộp một trong hai trường trùng tên (YAML chỉ giữ một, dữ liệu sẽ mất).",
)
BAD_SCALAR = _code(
    "TCPL011",
    "Ngày hoặc số không hợp lệ",
    "Viết ngày dạng NĂM-THÁNG-NGÀY (2026-01-15) và số bằng chữ số.",
)
NOT_A_MAPPING = _code(
    "TCPL012",
    "Tệp không phải bảng",
    "Tệp của tcpl là một bảng các trường 'tên: giá trị', không phải một danh sách.",
)
UNKNOWN_FILE_KIND = _code(
    "TCPL013",
    "Không nhận ra loại tệp",
    "Ghi 'kind:' là assessment, plan, commune, feedback, ruleset hoặc office.",
)
INTERNAL_FILE_ERROR = _code(
    "TCPL014",
    "Lỗi nội bộ khi đọc tệp",
    "Các tệp khác vẫn được kiểm tra; báo lỗi này cho người phát triển tcpl, kèm tệp.",
)
UNREADABLE_FOLDER = _code(
    "TCPL015",
    "Không đọc được thư mục",
    "Cho phép đọc thư mục (quyền truy cập) hoặc chuyển các tệp ra ngoài: các tệp trong đó chưa được kiểm tra.",
)
FOLDER_NAMED_LIKE_FILE = _code(
    "TCPL016",
    "Thư mục mang tên tệp",
    "Một thư mục tên '….yaml' không đọc được như tệp: đổi tên thư mục hoặc thay bằng tệp.",
)
LINKED_FOLDER = _code(
    "TCPL017",
    "Thư mục là liên kết",
    "tcpl không đi theo liên kết thư mục: đặt các tệp trực tiếp trong kho.",
    Severity.WARNING,
)
MISSING_FIELD = _code(
    "TCPL101",
    "Thiếu trường bắt buộc",
    "Thêm trường được nêu (xem mẫu: tcpl schema LOẠI, hoặc ví dụ trong README).",
)
UNKNOWN_FIELD = _code(
    "TCPL102",
    "Trường không có trong mẫu",
    "Sửa tên trường cho đúng (thường là lỗi gõ) hoặc xóa trường.",
)
WRONG_TYPE = _code(
    "TCPL103",
    "Giá trị không hợp lệ",
    "Ghi giá trị đúng kiểu được nêu (số, ngày, true/false, danh sách...).",
)
INVALID_VALUE = _code(
    "TCPL104",
    "Giá trị không hợp lệ",
    "Sửa giá trị theo hướng dẫn trong thông báo.",
)
BAD_RULESET = _code(
    "TCPL201",
    "Bộ tiêu chí không hợp lệ",
    "Sửa tệp bộ tiêu chí theo mẫu (tcpl schema ruleset).",
)
BAD_EXTENDS = _code(
    "TCPL202",
    "Chuỗi extends không hợp lệ",
    "Mỗi lớp bổ sung mở rộng một bộ tiêu chí khác, không vòng tròn, tối đa 5 lớp.",
)
BASE_NOT_FOUND = _code(
    "TCPL203",
    "Không tìm thấy bộ tiêu chí gốc",
    "Ghi 'extends:' là mã có sẵn (tcpl rules list) hoặc đường dẫn tệp có thật.",
)
BAD_OVERLAY = _code(
    "TCPL204",
    "Lớp bổ sung không hợp lệ",
    "Sửa lớp bổ sung: sau khi gộp với bộ tiêu chí gốc, giá trị được nêu không hợp lệ.",
)
UNKNOWN_ITEM_KIND = _code(
    "TCPL205",
    "Loại nội dung không có",
    "Ghi 'kind:' là một loại tcpl biết: boolean, ratio, count, choice, deadline hoặc points.",
)
BAD_ITEM = _code(
    "TCPL206",
    "Nội dung định nghĩa sai",
    "Sửa nội dung trong bộ tiêu chí theo loại của nó (mức đạt của tỷ lệ từ 0 đến 1; choice có options...).",
)
BLANK_IN_OVERLAY = _code(
    "TCPL207",
    "Lớp bổ sung còn để trống",
    "Điền tên, mức đạt chuẩn... theo văn bản gốc (Thông tư của Bộ Tư pháp); mục để trống giữ giá trị của bộ tiêu chí gốc.",
    Severity.WARNING,
)
INCOMPLETE_ATTESTATION = _code(
    "TCPL208",
    "Xác nhận bộ tiêu chí chưa đủ",
    "Ghi đủ attestation: by (cơ quan), source (văn bản), date (ngày), và điền mọi tên, mức đạt chuẩn còn thiếu.",
    Severity.WARNING,
)
NO_RULESET = _code(
    "TCPL301",
    "Không có bộ tiêu chí",
    "Ghi 'ruleset:' là mã có sẵn (tcpl rules list) hoặc đường dẫn tệp có thật.",
)
NO_RULESET_FOR_YEAR = _code(
    "TCPL302",
    "Không có bộ tiêu chí cho năm",
    "Ghi rõ 'ruleset:' trong tệp đánh giá hoặc dùng --ruleset.",
)
YEAR_OUTSIDE_RULESET = _code(
    "TCPL303",
    "Năm ngoài phạm vi bộ tiêu chí",
    "Sửa 'year:' hoặc chọn bộ tiêu chí áp dụng cho năm đó.",
)
PROVINCE_OVERLAY = _code(
    "TCPL304",
    "Lớp bổ sung của tỉnh không dùng được",
    "Sửa 'overlays:' trong office.yaml: mỗi mục là đường dẫn (tương đối) tới một lớp bổ sung có 'extends:'.",
)
SELF_GRADED = _code(
    "TCPL305",
    "Xã dùng lớp bổ sung riêng thay cho lớp của tỉnh",
    "Bỏ 'ruleset:' trong tệp đánh giá để dùng lớp bổ sung của tỉnh (office.yaml), hoặc đề nghị tỉnh sửa lớp của tỉnh.",
    Severity.WARNING,
)
UNKNOWN_ITEM = _code(
    "TCPL310",
    "Nội dung không có trong bộ tiêu chí",
    "Sửa mã nội dung theo bộ tiêu chí (tcpl rules show MÃ).",
)
WRONG_VALUE_FOR_KIND = _code(
    "TCPL311",
    "Giá trị không hợp với loại nội dung",
    "Ghi số liệu theo loại của nội dung (tỷ lệ: done và total; có/không: true/false...).",
)
UNKNOWN_OPTION = _code(
    "TCPL312",
    "Lựa chọn không hợp lệ",
    "Chỉ ghi các mã lựa chọn mà bộ tiêu chí liệt kê.",
)
UNKNOWN_CONDITION = _code(
    "TCPL313",
    "Điều kiện không có trong bộ tiêu chí",
    "Sửa mã điều kiện theo bộ tiêu chí (tcpl rules show MÃ).",
)
UNKNOWN_ASSIGNMENT = _code(
    "TCPL314",
    "Mã phân công không có trong bộ tiêu chí",
    "Phân công theo mã tiêu chí, chỉ tiêu hoặc nội dung có trong bộ tiêu chí.",
)
YEAR_NOT_FOLDER = _code(
    "TCPL320",
    "Năm khác tên thư mục",
    "Sửa 'year:' hoặc chuyển tệp vào thư mục của đúng năm.",
    Severity.WARNING,
)
COMMUNE_ID_MISMATCH = _code(
    "TCPL321",
    "Mã xã không khớp",
    "Sửa 'commune:' cho khớp mã 'id:' trong commune.yaml.",
    Severity.WARNING,
)
SHORT_POSTING = _code(
    "TCPL322",
    "Thời gian niêm yết ngắn hơn quy định",
    "Niêm yết đủ số ngày tối thiểu và ghi lại 'posting:'.",
    Severity.WARNING,
)
NO_ASSESSMENT = _code(
    "TCPL323",
    "Chưa có tệp đánh giá",
    "Tạo assessment.yaml (số liệu tự đánh giá) trong thư mục năm.",
    Severity.WARNING,
)
TWO_ASSESSMENTS = _code(
    "TCPL324",
    "Nhiều tệp đánh giá trong một thư mục năm",
    "Chỉ giữ một tệp đánh giá trong mỗi thư mục năm.",
)
UNREADABLE_TASK_TIME = _code(
    "TCPL330",
    "Không hiểu thời gian của nhiệm vụ",
    "Viết thời gian như 'Quý II/2026', 'tháng 3/2026', 'trước ngày 31/3/2026'.",
    Severity.WARNING,
)
TASK_TIME_OTHER_YEAR = _code(
    "TCPL331",
    "Thời gian nhiệm vụ khác năm của kế hoạch",
    "Sửa thời gian thực hiện cho thuộc năm của kế hoạch.",
    Severity.WARNING,
)
EVIDENCE_MISSING = _code(
    "TCPL340",
    "Không có tệp tài liệu kiểm chứng",
    "Chép tệp vào thư mục của xã (ví dụ minh-chung/) và ghi đường dẫn tính từ thư mục năm, hoặc sửa tên tệp.",
    Severity.WARNING,
)
EVIDENCE_REFUSED = _code(
    "TCPL341",
    "Tài liệu kiểm chứng không đọc được",
    "Ghi đường dẫn tương đối tới một tệp thường trong thư mục của xã, không quá lớn.",
)
EVIDENCE_UNSIGNED = _code(
    "TCPL342",
    "Tệp PDF không có chữ ký số",
    "Dùng bản PDF đã ký số của văn bản (nếu cơ quan tiếp nhận yêu cầu), hoặc bỏ qua nếu là bản quét.",
    Severity.WARNING,
)
EVIDENCE_OTHER_YEAR = _code(
    "TCPL343",
    "Tài liệu ghi ngày khác năm đánh giá",
    "Kiểm tra tài liệu có đúng của năm đánh giá không (ngày, số văn bản trên trang đầu).",
    Severity.WARNING,
)
EVIDENCE_UNREADABLE = _code(
    "TCPL344",
    "Không đọc được nội dung tài liệu",
    "Mở tệp bằng Word hoặc trình đọc PDF để kiểm tra; lưu lại hoặc quét lại nếu tệp hỏng.",
    Severity.WARNING,
)
NOT_RECOGNISED = _code(
    "TCPL900",
    "Xã chưa đạt chuẩn",
    "Xem lý do và dùng 'tcpl gap' để biết còn thiếu gì để đạt chuẩn.",
)


def _rule_names() -> dict[str, str]:
    # SARIF wants a readable rule name distinct from the id: the constant's name, in PascalCase.
    return {
        str(value): "".join(part.capitalize() for part in key.split("_"))
        for key, value in globals().items()
        if isinstance(value, Code)
    }


RULE_NAMES: dict[str, str] = _rule_names()


def rule_name(code: str) -> str:
    """A readable identifier for the code (`TCPL001` → `Unreadable`), for SARIF rules."""
    return RULE_NAMES.get(code, code)
