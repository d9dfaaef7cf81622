"""`tcpl init DIR --unit ... --province ...`: start a commune's folder with files that teach."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tcpl import api
from tcpl.cli.common import notes, wrote

EXIT_INIT = "\n\nMã thoát: 0 đã viết; 1 tệp của năm đó đã có (giữ nguyên, không ghi đè); 2 lỗi cách dùng."


def register(app: typer.Typer) -> None:
    app.command(
        "init",
        help=(
            "Bắt đầu thư mục của một xã, phường, đặc khu: commune.yaml (thông tin đơn vị) và, cho năm"
            " đánh giá, assessment.yaml (mọi nội dung của bộ tiêu chí, để trống, kèm hướng dẫn cách ghi)"
            " và plan.yaml (kế hoạch khung của năm). Bộ tiêu chí là của năm đó, kể cả lớp bổ sung của"
            " tỉnh (office.yaml ở thư mục trên). Không bao giờ ghi đè: chạy lại với --year khác để thêm"
            " năm.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            '  tcpl init plans/thuan-hoa --unit "phường Thuận Hóa" --province "thành phố Huế"'
            ' --upper "Ủy ban nhân dân thành phố Huế"\n\n'
            '  tcpl init plans/thuan-hoa --unit "phường Thuận Hóa" --province "thành phố Huế" --year 2027'
            + EXIT_INIT
        ),
    )(init_command)


def init_command(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="THƯ_MỤC", help="Thư mục của đơn vị, ví dụ plans/thuan-hoa.", show_default=False
        ),
    ],
    unit: Annotated[
        str,
        typer.Option(
            "--unit",
            metavar="<loại và tên>",
            help='Loại và tên đơn vị, ví dụ "phường Thuận Hóa".',
            show_default=False,
        ),
    ],
    province: Annotated[
        str,
        typer.Option(
            "--province", metavar="<tỉnh>", help='Tỉnh, thành phố, ví dụ "thành phố Huế".', show_default=False
        ),
    ],
    upper: Annotated[
        str | None,
        typer.Option(
            "--upper",
            metavar="<cơ quan>",
            help='Cấp trên nhận báo cáo (Kính gửi), ví dụ "Ủy ban nhân dân thành phố Huế".',
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="<năm>", help="Năm đánh giá; mặc định: năm nay.", show_default=False),
    ] = None,
) -> None:
    done = api.init(folder, unit, province, upper=upper, year=year)
    wrote(done.written)
    lines = [f"Giữ nguyên (đã có): {p}" for p in done.kept]
    attested = done.ruleset.attestation
    basis = f"Bộ tiêu chí năm {done.year}: {done.ruleset.id}"
    lines.append(basis + (f" ({attested.words()})" if attested else ""))
    year_dir = folder / str(done.year)
    lines.append(
        f"Tiếp theo: ghi số liệu vào {year_dir / 'assessment.yaml'}, rồi chạy: tcpl score {year_dir}"
    )
    notes(lines)
