import { describe, expect, it } from 'vitest';
import { filesOfEntry } from './app-assets';

describe('files of a built page', () => {
  it('follows imports to shared chunks, with their stylesheets, and never reaches another entry', () => {
    const manifest = {
      'technicien.html': { file: 'assets/technicien-a1.js', imports: ['_shared-b2.js'], css: ['assets/technicien-c3.css'] },
      '_shared-b2.js': { file: 'assets/shared-b2.js', imports: ['technicien.html'], css: ['assets/shared-d4.css'], assets: ['assets/font-e5.woff2'] },
      'index.html': { file: 'assets/index-f6.js', imports: ['_shared-b2.js'], css: ['assets/index-g7.css'] },
    };
    expect(filesOfEntry(manifest, 'technicien.html')).toEqual(['assets/technicien-a1.js', 'assets/technicien-c3.css', 'assets/shared-b2.js', 'assets/shared-d4.css', 'assets/font-e5.woff2']);
    expect(filesOfEntry(manifest, 'nothing.html')).toEqual([]);
  });
});
