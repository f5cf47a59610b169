#include "common/properties_file.h"

#include <gtest/gtest.h>

namespace rmq {
namespace {

std::vector<std::pair<std::string, std::string>> Pairs(std::string_view text) {
  auto file = PropertiesFile::Parse(text);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  std::vector<std::pair<std::string, std::string>> out;
  if (!file.ok()) return out;
  for (const auto& entry : file->entries()) out.emplace_back(entry.key, entry.value);
  return out;
}

using P = std::vector<std::pair<std::string, std::string>>;

TEST(PropertiesFileTest, SeparatorsAndBlanks) {
  EXPECT_EQ(Pairs("a=1\nb = 2\nc:3\nd 4\n  e\t=\t5\nf\n"),
            (P{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}, {"f", ""}}));
  // Only the first separator splits; trailing blanks of the value stay, as in Java.
  EXPECT_EQ(Pairs("url=a=b:c\nflag=true \n"), (P{{"url", "a=b:c"}, {"flag", "true "}}));
  EXPECT_EQ(Pairs("key = = x\n"), (P{{"key", "= x"}}));
}

TEST(PropertiesFileTest, CommentsAndLineEndings) {
  EXPECT_EQ(Pairs("# comment\n! also\n  # indented\n\n\r\na=1\r\nb=2\rc=3"),
            (P{{"a", "1"}, {"b", "2"}, {"c", "3"}}));
  // '#' inside a value is not a comment.
  EXPECT_EQ(Pairs("a=x # y\n"), (P{{"a", "x # y"}}));
}

TEST(PropertiesFileTest, EscapesAndContinuations) {
  EXPECT_EQ(Pairs("a\\=b=c\\td\n"), (P{{"a=b", "c\td"}}));
  EXPECT_EQ(Pairs("key\\ with\\ blanks = v\n"), (P{{"key with blanks", "v"}}));
  EXPECT_EQ(Pairs("list=a,\\\n    b,\\\n    c\nnext=1\n"), (P{{"list", "a,b,c"}, {"next", "1"}}));
  EXPECT_EQ(Pairs("path=C:\\\\dir\n"), (P{{"path", "C:\\dir"}}));
  EXPECT_EQ(Pairs("u=\\u00e9\\u4e2d\n"), (P{{"u", "\xC3\xA9\xE4\xB8\xAD"}}));
  EXPECT_EQ(Pairs("s=\\ud83d\\ude00\n"), (P{{"s", "\xF0\x9F\x98\x80"}}));
  EXPECT_EQ(Pairs("x=\\q\n"), (P{{"x", "q"}}));
}

TEST(PropertiesFileTest, LinesAndDuplicates) {
  auto file = PropertiesFile::Parse("# c\na=1\nlong=x\\\ny\nb=2\na=3\n", "test.properties");
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->entries().size(), 4u);
  EXPECT_EQ(file->entries()[1].key, "long");
  EXPECT_EQ(file->entries()[1].line, 3);
  EXPECT_EQ(file->entries()[2].line, 5);
  ASSERT_NE(file->Find("a"), nullptr);
  EXPECT_EQ(file->Find("a")->value, "3");
  EXPECT_EQ(file->Find("a")->line, 6);
  EXPECT_EQ(file->Find("zzz"), nullptr);
}

TEST(PropertiesFileTest, MalformedUnicodeEscapeNamesTheLine) {
  auto file = PropertiesFile::Parse("a=1\nb=\\u12\n", "f.properties");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("f.properties:2"), std::string::npos) << file.status().ToString();
}

TEST(PropertiesFileTest, MissingFileIsIoError) {
  auto file = PropertiesFile::Load("/nonexistent/dir/x.properties");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace rmq
