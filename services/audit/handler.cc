// gRPC handler of the audit log: proto <-> domain. Auditors and administrators only; what of a
// confidential record each may see is the domain's rule (audit_log.h).
#include <grpcpp/grpcpp.h>

#include "ozjt/audit/v1/audit.grpc.pb.h"
#include "services/audit/audit_log.h"
#include "services/audit/module.h"
#include "services/platform/call.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::audit {
namespace {

namespace pb = ::ozjt::audit::v1;
using platform::RequestInfo;
using platform::Role;

const platform::MethodPolicy kListAuditRecords{"/ozjt.audit.v1.AuditLog/ListAuditRecords",
                                               {Role::kAuditor, Role::kAdmin}};
const platform::MethodPolicy kVerifyAuditChain = platform::HeavyRead(
    {"/ozjt.audit.v1.AuditLog/VerifyAuditChain", {Role::kAuditor, Role::kAdmin}});

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

class AuditLogService final : public pb::AuditLog::Service {
 public:
  explicit AuditLogService(platform::Platform& platform)
      : platform_(platform), log_(platform.pool()) {}

  grpc::Status ListAuditRecords(grpc::ServerContext* ctx, const pb::ListAuditRecordsRequest* req,
                                pb::ListAuditRecordsResponse* resp) override {
    return platform_.Serve(ctx, kListAuditRecords, [&](const RequestInfo& r) -> absl::Status {
      AuditQuery q;
      q.entity_type = req->entity_type();
      q.entity_id = req->entity_id();
      q.actor = req->actor();
      if (req->has_start_time()) q.start_time = FromProto(req->start_time());
      if (req->has_end_time()) q.end_time = FromProto(req->end_time());
      OZJT_ASSIGN_OR_RETURN(AuditPage page, log_.List(r, q, req->page_size(), req->page_token()));
      for (const auto& rec : page.records) {
        auto* out = resp->add_records();
        out->set_id(rec.id);
        platform::FromTime(rec.time, out->mutable_time());
        out->set_actor(rec.actor);
        out->set_role(rec.role);
        out->set_municipality_code(rec.municipality_code);
        out->set_method(rec.method);
        out->set_entity_type(rec.entity_type);
        out->set_entity_id(rec.entity_id);
        out->set_before_json(rec.before_json);
        out->set_after_json(rec.after_json);
        out->set_request_id(rec.request_id);
        out->set_content_withheld(rec.content_withheld);
      }
      resp->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status VerifyAuditChain(grpc::ServerContext* ctx, const pb::VerifyAuditChainRequest*,
                                pb::AuditChainReport* resp) override {
    return platform_.Serve(ctx, kVerifyAuditChain, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(ChainReport report, log_.VerifyChain(r));
      resp->set_intact(report.intact);
      resp->set_records(report.records);
      resp->set_broken_at_position(report.broken_at_seq);
      resp->set_broken_at_record(report.broken_at_id);
      resp->set_reason(report.dutch_reason);
      resp->set_head_hash(report.head_hash);
      resp->set_unchained_records(report.unchained);
      if (report.oldest_unchained) {
        platform::FromTime(*report.oldest_unchained, resp->mutable_oldest_unchained_at());
      }
      platform::FromTime(absl::Now(), resp->mutable_verified_at());
      return absl::OkStatus();
    });
  }

 private:
  platform::Platform& platform_;
  AuditLog log_;
};

class AuditModule final : public platform::ServiceModule {
 public:
  explicit AuditModule(platform::Platform& platform) : service_(platform) {}
  std::vector<Registration> GrpcServices() override {
    return {{pb::AuditLog::service_full_name(), &service_}};
  }

 private:
  AuditLogService service_;
};

}  // namespace

platform::ModuleEntry AuditModuleEntry() {
  return {
      "audit",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        return std::unique_ptr<platform::ServiceModule>(new AuditModule(platform));
      }};
}

}  // namespace ozjt::audit
