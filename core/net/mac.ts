// Ethernet MAC addresses in the one form Paddock stores: six lower-case hex pairs joined by ':'.

const MAC = /^[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}$/;

/** Normalise "52:54:00:AB:CD:EF" or "52-54-00-ab-cd-ef"; null when not a MAC address. */
export function normaliseMac(text: string): string | null {
  if (!MAC.test(text)) return null;
  const sep = text.charAt(2);
  // One separator throughout: "52:54-00..." is a typo, not an address.
  if (text.split(sep).length !== 6) return null;
  return text.toLowerCase().split(sep).join(':');
}

/** Multicast addresses (lowest bit of the first octet set) cannot be a NIC's address. */
export function isMulticastMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}
