"""Builders of documents and data files (PDF, XLSX, CSV, XML, JSON) and statistics: data in, bytes out."""
