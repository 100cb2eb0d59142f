// gateway/mail/mail_schema.h: gateway migration 106, the tables of the worker's email notices
// (gateway/mail/mail.h): what is waiting for a worker, how they want to hear of it, and the durable queue of
// emails to send. None of them holds a child's name, number or words.
#pragma once

namespace waymark::gateway {

extern const char* const kMailSchemaSql;

}  // namespace waymark::gateway
