"""The audit report an agency hands its client: one self-contained HTML page (charts as inline
SVG, styles inline, nothing loaded from elsewhere), the same page as an A4 PDF, and the KPIs and
findings as CSV and XLSX. The CLI renders it embedded; the service serves it per assessment."""
