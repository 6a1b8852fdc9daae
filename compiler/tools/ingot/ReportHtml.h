//===- ReportHtml.h - Text for the HTML of ingot report ---------*- C++ -*-===//
//
// Model files name tensors with arbitrary bytes, so every string that comes
// from a model or the command line goes through escape() before it reaches
// the page, in text and in attribute values alike.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_TOOLS_INGOT_REPORTHTML_H
#define INGOT_TOOLS_INGOT_REPORTHTML_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace ingot::driver::html {

/// `text` safe inside HTML or SVG text and inside quoted attribute values.
/// Control characters (which XML forbids in SVG) become U+FFFD.
inline std::string escape(llvm::StringRef text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      escaped += "&amp;";
      break;
    case '<':
      escaped += "&lt;";
      break;
    case '>':
      escaped += "&gt;";
      break;
    case '"':
      escaped += "&quot;";
      break;
    case '\'':
      escaped += "&#39;";
      break;
    case '\t':
    case '\n':
      escaped += c;
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        escaped += "\xEF\xBF\xBD";
      else
        escaped += c;
    }
  }
  return escaped;
}

/// 1234567 -> "1,234,567".
inline std::string thousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -static_cast<uint64_t>(value)
                                                : static_cast<uint64_t>(value));
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      grouped += ',';
    grouped += digits[i];
  }
  return value < 0 ? "-" + grouped : grouped;
}

} // namespace ingot::driver::html

#endif // INGOT_TOOLS_INGOT_REPORTHTML_H
