#include "broker/subscription_group_config.h"

#include "common/json_reader.h"

namespace rmq::broker {

void SubscriptionGroupConfig::WriteJson(JsonWriter* w) const {
  w->BeginObject();
  w->Key("attributes");
  w->BeginObject();
  w->EndObject();
  w->IntField("brokerId", broker_id);
  w->BoolField("consumeBroadcastEnable", consume_broadcast_enable);
  w->BoolField("consumeEnable", consume_enable);
  w->BoolField("consumeFromMinEnable", consume_from_min_enable);
  w->BoolField("consumeMessageOrderly", consume_message_orderly);
  w->IntField("consumeTimeoutMinute", consume_timeout_minute);
  w->StringField("groupName", group_name);
  w->Key("groupRetryPolicy");
  w->BeginObject();
  w->StringField("type", "CUSTOMIZED");
  w->EndObject();
  w->IntField("groupSysFlag", group_sys_flag);
  w->BoolField("notifyConsumerIdsChangedEnable", notify_consumer_ids_changed_enable);
  w->IntField("retryMaxTimes", retry_max_times);
  w->IntField("retryQueueNums", retry_queue_nums);
  w->IntField("whichBrokerWhenConsumeSlowly", which_broker_when_consume_slowly);
  w->EndObject();
}

std::string SubscriptionGroupConfig::EncodeJson() const {
  JsonWriter w;
  WriteJson(&w);
  return w.Release();
}

Result<SubscriptionGroupConfig> SubscriptionGroupConfig::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Corruption("SubscriptionGroupConfig is not a JSON object");
  SubscriptionGroupConfig c;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "groupName", &c.group_name));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "consumeEnable", &c.consume_enable));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "consumeFromMinEnable", &c.consume_from_min_enable));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "consumeBroadcastEnable", &c.consume_broadcast_enable));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "consumeMessageOrderly", &c.consume_message_orderly));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "retryQueueNums", &c.retry_queue_nums));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "retryMaxTimes", &c.retry_max_times));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "brokerId", &c.broker_id));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "whichBrokerWhenConsumeSlowly", &c.which_broker_when_consume_slowly));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "notifyConsumerIdsChangedEnable", &c.notify_consumer_ids_changed_enable));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "groupSysFlag", &c.group_sys_flag));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "consumeTimeoutMinute", &c.consume_timeout_minute));
  if (c.group_name.empty()) return Corruption("SubscriptionGroupConfig has no groupName");
  return c;
}

}  // namespace rmq::broker
