// PropertiesFile: a Java .properties file (java.util.Properties#load) read into an ordered list
// of key/value entries that remember their line, so config errors can point at it. Used by
// every daemon's config loader through config_binder.h. A plain value type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace rmq {

struct PropertyEntry {
  std::string key;
  std::string value;  // escapes resolved; leading whitespace dropped, trailing kept (as Java)
  int line = 0;       // 1-based line where the entry starts
};

class PropertiesFile {
 public:
  // Java's rules: '#' or '!' comment lines; key ends at the first unescaped '=', ':' or
  // whitespace; blanks around the separator are skipped; a line ending in an odd number of
  // backslashes continues on the next (whose leading blanks are dropped); \t \n \r \f \uXXXX
  // and \<any> escapes. Bytes outside ASCII are kept as they are (UTF-8 files stay UTF-8),
  // \uXXXX becomes UTF-8. A malformed \u escape is an error naming the line.
  static Result<PropertiesFile> Parse(std::string_view text, std::string source_name = "<text>");
  // Reads and parses a file; a missing or unreadable file is an IoError naming the path.
  static Result<PropertiesFile> Load(const std::string& path);

  // Entries in file order; a key may repeat (the later one wins when applied in order).
  const std::vector<PropertyEntry>& entries() const { return entries_; }
  // The last entry with `key`, or null.
  const PropertyEntry* Find(std::string_view key) const;
  // Where the entries came from (the path for Load), for messages.
  const std::string& source_name() const { return source_name_; }

 private:
  std::vector<PropertyEntry> entries_;
  std::string source_name_;
};

}  // namespace rmq
