#include "remoting/custom_header.h"

#include <strings.h>

namespace rmq::remoting::custom_header_internal {

Status InvalidValue(std::string_view field, std::string_view value, std::string_view expected) {
  return InvalidArgument("the custom field <" + std::string(field) + "> has the invalid value \"" +
                         std::string(value) + "\"; expected " + std::string(expected));
}

Status ParseValue(std::string_view field, std::string_view text, bool* out) {
  if (text.size() == 4 && strncasecmp(text.data(), "true", 4) == 0) {
    *out = true;
  } else if (text.size() == 5 && strncasecmp(text.data(), "false", 5) == 0) {
    *out = false;
  } else {
    return InvalidValue(field, text, "true or false");
  }
  return Status::Ok();
}

Status ParseValue(std::string_view, std::string_view text, std::string* out) {
  out->assign(text);
  return Status::Ok();
}

}  // namespace rmq::remoting::custom_header_internal
