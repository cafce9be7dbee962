// The one exception type whosaid throws: a message a user can act on, and the exit status.
#pragma once
#include <stdexcept>
#include <string>

namespace whosaid {

enum ExitCode { exit_ok = 0, exit_not_found = 1, exit_usage = 2, exit_internal = 3 };

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = exit_usage)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace whosaid
