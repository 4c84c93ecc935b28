export const PALETTE = ['#3b5bdb', '#e8590c', '#2b8a3e', '#c2255c', '#1098ad', '#7048e8', '#f08c00', '#5c940d', '#d6336c', '#495057'];

export const colorAt = (index: number) => PALETTE[index % PALETTE.length];
