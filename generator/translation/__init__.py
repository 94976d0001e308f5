"""Translation: the report's messages <-> gettext catalogs in translations/<lang>/ (Babel).

Takes the model and the catalogs; gives templates per page (`gwr extract`), merges (`gwr update`), each
message's text and status in a language (localise), and every problem editors must fix (`gwr check`).
"""
