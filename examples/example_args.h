// Command-line options shared by the examples: -n name servers (else NAMESRV_ADDR), -t topic,
// -g group, -c message count, -b body size, -T tags. Header-only; for the examples only.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>

struct ExampleArgs {
  std::string namesrv;
  std::string topic = "TopicTest";
  std::string group;
  std::string tags = "TagA";
  int count = 10;
  int body_size = 64;

  static ExampleArgs Parse(int argc, char** argv, const std::string& default_group) {
    ExampleArgs args;
    args.group = default_group;
    for (int i = 1; i + 1 < argc; i += 2) {
      std::string flag = argv[i];
      std::string value = argv[i + 1];
      if (flag == "-n") {
        args.namesrv = value;
      } else if (flag == "-t") {
        args.topic = value;
      } else if (flag == "-g") {
        args.group = value;
      } else if (flag == "-T") {
        args.tags = value;
      } else if (flag == "-c") {
        args.count = std::atoi(value.c_str());
      } else if (flag == "-b") {
        args.body_size = std::atoi(value.c_str());
      } else {
        std::cerr << "usage: " << argv[0] << " [-n host:port] [-t topic] [-g group] [-T tags] [-c count] [-b bytes]\n";
        std::exit(2);
      }
    }
    return args;
  }
};
