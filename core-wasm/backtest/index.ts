// Placeholder until the day-step kernel lands (issue 2).
export function version(): i32 {
  return 0;
}
