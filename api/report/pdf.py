"""The PDF: the report page laid out by WeasyPrint on A4 with the print stylesheet (running
branded header, page numbers, nothing cut across pages).

WeasyPrint needs Pango from the system. Without it (or without the package) the HTML still
works; the PDF fails with `PdfUnavailable` naming what to install.
"""

from __future__ import annotations

INSTALL_HINT = (
    "install WeasyPrint with `pip install 'socialaudit[pdf]'` and the system's Pango, e.g. "
    "`apt-get install -y libpango-1.0-0 libpangoft2-1.0-0` on Debian/Ubuntu or "
    "`brew install pango` on macOS; the HTML report (--format html) needs neither"
)


class PdfUnavailable(RuntimeError):
    """The PDF renderer cannot run on this machine; the message says what to install."""


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are missing
        raise PdfUnavailable(f"cannot make a PDF here ({exc}); {INSTALL_HINT}") from None
    # the page is self-contained (data URIs only): any other scheme is refused, not fetched
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, url_fetcher=fetcher, media_type="print").write_pdf()
