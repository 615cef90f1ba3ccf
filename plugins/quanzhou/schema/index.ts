export { qzVenues } from "./venues";
export { qzRooms } from "./rooms";
export { qzSlots } from "./slots";
export { qzBookings, BOOKING_STATUSES, type BookingStatus } from "./bookings";
export { qzMembers } from "./members";
export { qzPointLedger } from "./pointLedger";
export { qzPointRules } from "./pointRules";
export { qzGifts } from "./gifts";
export { qzRedemptions } from "./redemptions";
