import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NiangjiaPlugin } from "../types";
import { checkBooking, confirmBooking } from "./booking/bookingHandlers";
import { VENUE_BOOKING_KEY, venueBookingHook } from "./booking/venueBookingHook";
import { venuesPage } from "./booking/venuesPage";
import { DEMO_TENANT, seedDemoVenues } from "./demoData";
import { awardPoints } from "./points/awardPoints";
import { pointsPage } from "./points/pointsPage";
import { qzPointRules } from "./schema";

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (rel: string) => readFileSync(path.join(here, rel), "utf8");

export const VOLUNTEER_KEY = "quanzhou-volunteer";

/**
 * 泉州: 共享职工之家 venue booking and 会员积分 points. Both programs are ordinary forms and
 * flows; the plugin adds what they cannot say: the venues' rules and the no-double-booking
 * key (an admission hook), the service tasks the flows call, the points ledger, and two pages.
 */
export const quanzhouPlugin: NiangjiaPlugin = {
  manifest: {
    id: "quanzhou",
    name: { zh: "泉州：共享职工之家与会员积分", en: "Quanzhou: workers' homes and member points" },
    version: "1.0.0",
    host: "^0.1.0",
    description: {
      zh: "共享职工之家活动室预约（不会重复预约、可取消、到场签到）；会员积分（参加活动和志愿服务得积分，积分兑换礼品）",
      en: "Book rooms at the workers' homes (never double-booked, cancel, check in); member points (earned by activities and volunteering, redeemed for gifts)",
    },
  },
  migrationsFolder: path.join(here, "migrations"),
  async install({ db }) {
    // Default points for every district (tenant `*`); a district overrides them with its own rows.
    await db
      .insert(qzPointRules)
      .values([
        { tenantId: "*", programCode: VOLUNTEER_KEY, points: 10, perField: "hours", maxPoints: 80, reason: "志愿服务", reasonEn: "Volunteer service" },
        { tenantId: "*", programCode: "*", points: 5, reason: "完成工会项目", reasonEn: "Union program completed" },
      ])
      .onConflictDoNothing();
  },
  demo: {
    districts: [DEMO_TENANT],
    seed: ({ db }) => seedDemoVenues(db),
  },
  load(registries) {
    registries.serviceHandler("quanzhou.checkBooking", checkBooking);
    registries.serviceHandler("quanzhou.confirmBooking", confirmBooking);
    registries.serviceHandler("quanzhou.awardPoints", awardPoints);
    registries.admissionHook(venueBookingHook);
    registries.page(venuesPage);
    registries.page(pointsPage);
    registries.programTemplate({
      key: VENUE_BOOKING_KEY,
      name: "共享职工之家预约",
      nameEn: "Book a workers' home room",
      description: "预约职工之家活动室开展职工活动，可提前 14 天预约，开始前可取消，到场签到得积分。",
      category: "venue",
      caseNoPattern: "QZYY-{yyyy}-{seq:5}",
      formSchema: JSON.parse(read("programs/venueBooking/form.json")) as unknown,
      bpmnXml: read("programs/venueBooking/flow.bpmn"),
    });
    registries.programTemplate({
      key: VOLUNTEER_KEY,
      name: "志愿服务积分申报",
      nameEn: "Volunteer service points",
      description: "参加工会志愿服务后申报时长，街道总工会确认后每小时计 10 积分，积分可兑换礼品。",
      category: "points",
      caseNoPattern: "QZZY-{yyyy}-{seq:4}",
      formSchema: JSON.parse(read("programs/volunteer/form.json")) as unknown,
      bpmnXml: read("programs/volunteer/flow.bpmn"),
    });
  },
};
