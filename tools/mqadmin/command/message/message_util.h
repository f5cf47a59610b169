// Printing messages the way the Java tool does (the queryMsgById block, printMsg's
// "MSGID: ... BODY: ..." line) and the JSON form of a message, shared by the message commands.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "command/sub_command.h"
#include "rocketmq/DefaultMQPullConsumer.h"
#include "rocketmq/MQMessageExt.h"

namespace rmq::mqadmin {

// MessageExt.toString() of the Java client (the fields printMsg shows).
std::string JavaMessageExtString(const rocketmq::MQMessageExt& message);
// "MSGID: <id> <MessageExt> BODY: <body or NOT PRINT BODY>".
std::string MessageLine(const rocketmq::MQMessageExt& message, bool print_body);
nlohmann::json MessageJson(const rocketmq::MQMessageExt& message);
// The queryMsgById block ("%-20s %s" lines); writes the body under /tmp/rocketmq/msgbodys/
// (named `body_name`, default the message id) and, with `tracks`, one MessageTrack line per
// consumer group of the topic.
void PrintMessageBlock(CommandContext& context, const rocketmq::MQMessageExt& message, bool with_offset_id,
                       bool tracks, const std::string& body_name = "");

// A started pull consumer of `group` on the context's name servers; the caller shuts it down.
std::unique_ptr<rocketmq::DefaultMQPullConsumer> StartPullConsumer(CommandContext& context, const std::string& group);

}  // namespace rmq::mqadmin
