//===- ScratchDir.h - A fresh directory per test --------------------------===//
//
// A fixture for tests that write files: each test gets its own directory
// under the scratch directory (test::scratchDir()), removed with its content
// afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TEST_UNIT_SCRATCHDIR_H
#define FRUGAL_TEST_UNIT_SCRATCHDIR_H

#include "TestSupport.h"

#include <algorithm>
#include <dirent.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <string>
#include <vector>

namespace frugal::test {

class ScratchDirTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string T = scratchDir() + "/dir-XXXXXX";
    ASSERT_NE(mkdtemp(T.data()), nullptr);
    Dir = T;
  }
  void TearDown() override {
    std::error_code Ignored;
    std::filesystem::remove_all(Dir, Ignored);
  }
  // The names in \p Path (default: the test's directory), sorted.
  std::vector<std::string> entries(const std::string &Path = "") const {
    std::vector<std::string> Names;
    if (DIR *D = opendir((Path.empty() ? Dir : Path).c_str())) {
      while (dirent *E = readdir(D)) {
        std::string N = E->d_name;
        if (N != "." && N != "..")
          Names.push_back(N);
      }
      closedir(D);
    }
    std::sort(Names.begin(), Names.end());
    return Names;
  }
  std::string Dir;
};

} // namespace frugal::test

#endif // FRUGAL_TEST_UNIT_SCRATCHDIR_H
