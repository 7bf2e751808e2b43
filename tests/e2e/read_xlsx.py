#!/usr/bin/python3
"""Prints an .xlsx workbook as openpyxl (a reader other than the writer)
sees it, one fact per line, for the end-to-end tests to compare exactly:

  sheet<TAB>TITLE                       for each worksheet, then for it:
  freeze<TAB>CELL                       the frozen panes' top-left cell
  width<TAB>COLUMN<TAB>WIDTH            each column's width, as set
  cell<TAB>REF<TAB>TYPE<TAB>VALUE<TAB>FORMAT   each non-empty cell: its
      type (s text, n number, f formula), value (numbers as Python's repr
      of the float), number format; bold headings marked with a trailing
      <TAB>bold
"""
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
for sheet in book.worksheets:
    print("sheet\t%s" % sheet.title)
    print("freeze\t%s" % sheet.freeze_panes)
    for letter, dim in sorted(sheet.column_dimensions.items()):
        if dim.width:
            print("width\t%s\t%g" % (letter, dim.width))
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = repr(float(cell.value)) if cell.data_type == "n" else str(cell.value)
            line = "cell\t%s\t%s\t%s\t%s" % (cell.coordinate, cell.data_type, value,
                                             cell.number_format)
            if cell.font is not None and cell.font.b:
                line += "\tbold"
            print(line)
