import type { QzDb } from "./qzDb";
import { qzGifts, qzRooms, qzSlots, qzVenues } from "./schema";

/** The demo district (鲤城区总工会); its tenant id is the district's. */
export const DEMO_TENANT = "licheng";

const slot = (venueId: string, code: string, starts: string, ends: string, sort: number) => ({ venueId, code, starts, ends, sort });

/**
 * Two 职工之家 sites of 鲤城区 for the demo: 开元街道职工之家 books at once; 鲤城区职工服务中心
 * wants the street union's approval, is closed on Mondays and has no evening slot. Idempotent.
 */
export async function seedDemoVenues(db: QzDb): Promise<void> {
  await db
    .insert(qzVenues)
    .values([
      { id: "kaiyuan-home", tenantId: DEMO_TENANT, name: "开元街道职工之家", nameEn: "Kaiyuan workers' home", address: "泉州市鲤城区开元街道中山北路 128 号", advanceDays: 14, maxOpenBookings: 2, cancelBeforeMinutes: 120, pointsPerVisit: 5, sort: 1 },
      { id: "licheng-center", tenantId: DEMO_TENANT, name: "鲤城区职工服务中心", nameEn: "Licheng workers' service centre", address: "泉州市鲤城区温陵南路 36 号", openDays: [2, 3, 4, 5, 6, 7], advanceDays: 14, maxOpenBookings: 1, cancelBeforeMinutes: 240, needsApproval: true, pointsPerVisit: 10, sort: 2 },
    ])
    .onConflictDoNothing();
  await db
    .insert(qzSlots)
    .values([
      slot("kaiyuan-home", "am", "09:00", "11:30", 1),
      slot("kaiyuan-home", "pm", "14:30", "17:00", 2),
      slot("kaiyuan-home", "eve", "19:00", "21:00", 3),
      slot("licheng-center", "am", "09:00", "12:00", 1),
      slot("licheng-center", "pm", "14:00", "17:30", 2),
    ])
    .onConflictDoNothing();
  await db
    .insert(qzRooms)
    .values([
      { id: "kaiyuan-hall", tenantId: DEMO_TENANT, venueId: "kaiyuan-home", name: "多功能厅", nameEn: "Multi-purpose hall", capacity: 60, facilities: "投影、音响、60 把椅子", facilitiesEn: "Projector, sound, 60 chairs", sort: 1 },
      { id: "kaiyuan-reading", tenantId: DEMO_TENANT, venueId: "kaiyuan-home", name: "职工书屋", nameEn: "Reading room", capacity: 20, facilities: "藏书 3000 册、茶水", facilitiesEn: "3,000 books, tea", sort: 2 },
      { id: "kaiyuan-fitness", tenantId: DEMO_TENANT, venueId: "kaiyuan-home", name: "健身房", nameEn: "Gym", capacity: 15, facilities: "跑步机、乒乓球台", facilitiesEn: "Treadmills, table tennis", sort: 3 },
      { id: "licheng-meeting", tenantId: DEMO_TENANT, venueId: "licheng-center", name: "会议室", nameEn: "Meeting room", capacity: 30, facilities: "会议桌、电视屏", facilitiesEn: "Table, TV screen", sort: 1 },
      { id: "licheng-studio", tenantId: DEMO_TENANT, venueId: "licheng-center", name: "文体活动室", nameEn: "Activity studio", capacity: 40, facilities: "镜墙、音响、瑜伽垫", facilitiesEn: "Mirror wall, sound, yoga mats", sort: 2 },
    ])
    .onConflictDoNothing();
  await db
    .insert(qzGifts)
    .values([
      { id: "qz-bag", tenantId: DEMO_TENANT, name: "工会环保购物袋", nameEn: "Union tote bag", cost: 30, stock: 100, sort: 1 },
      { id: "qz-movie", tenantId: DEMO_TENANT, name: "职工电影票", nameEn: "Cinema ticket", cost: 80, stock: 20, sort: 2 },
      { id: "qz-cup", tenantId: DEMO_TENANT, name: "娘家人定制保温杯", nameEn: "Union thermos cup", cost: 120, stock: 30, sort: 3 },
      { id: "qz-checkup", tenantId: DEMO_TENANT, name: "职工体检优惠券", nameEn: "Health check voucher", cost: 200, stock: 10, sort: 4 },
    ])
    .onConflictDoNothing();
}
