// Fuzz target: the WARC reader (plain or gzip, sniffed) on arbitrary bytes. read_warc() takes a
// path, so the input goes into an in-memory file (memfd) named by /proc/self/fd/N: no disk.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "warc_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whosaid;
  static const int fd = memfd_create("fuzz.warc", 0);
  FUZZ_CHECK(fd >= 0);
  FUZZ_CHECK(ftruncate(fd, 0) == 0);
  FUZZ_CHECK(pwrite(fd, data, size, 0) == static_cast<ssize_t>(size));
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  read_warc(
      path,
      [&](Article&& a) {
        FUZZ_CHECK(!a.id.empty());
        for (const auto* s : {&a.id, &a.title, &a.outlet, &a.date, &a.url, &a.language, &a.text})
          FUZZ_CHECK(fuzz::valid_utf8(*s));
      },
      [&](const ReadProblem& p) { FUZZ_CHECK(!p.reason.empty()); });
  return 0;
}
